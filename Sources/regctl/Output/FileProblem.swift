import Foundation

/// A file the command line could not read or write, in the words of every other message
/// ("cannot write /no/such/dir/r.html: no such folder") instead of Foundation's error dump.
struct FileProblem: Error, LocalizedError, Equatable {
    enum Operation: String { case read, write }
    /// Why, as data; the words come in `errorDescription`.
    enum Reason: Equatable {
        case noSuchFolder, noSuchFile, notAFolder, permissionDenied, noSpace, readOnly, isFolder, exists
        case other(String)
    }

    var operation: Operation
    var path: String
    var reason: Reason

    var errorDescription: String? { words(.current) }

    /// The problem in the reader's language.
    func words(_ w: Words) -> String {
        let why = switch reason {
        case .noSuchFolder: w(.fileNoSuchFolder)
        case .noSuchFile: w(.fileNoSuchFile)
        case .notAFolder: w(.fileNotAFolder)
        case .permissionDenied: w(.filePermissionDenied)
        case .noSpace: w(.fileNoSpace)
        case .readOnly: w(.fileReadOnly)
        case .isFolder: w(.fileIsFolder)
        case .exists: w(.fileExists)
        case .other(let words): words
        }
        return w(operation == .read ? .fileCannotRead : .fileCannotWrite, ["path": .text(path), "why": .text(why)])
    }

    /// The file problem `error` is, when it is one of Foundation's file errors naming a path; nil otherwise.
    init?(_ error: any Error) {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain, let path = ns.userInfo[NSFilePathErrorKey] as? String
            ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path else { return nil }
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        let code = CocoaError.Code(rawValue: ns.code)
        // Foundation's codes 256–511 are reads and 512–767 writes; the generic ones (4, no such file)
        // come from writes here, since every read regctl makes of a user's file says which it is.
        self.operation = (256..<512).contains(ns.code) ? .read : .write
        self.path = path
        let parent = (path as NSString).deletingLastPathComponent
        switch (code, posix) {
        case (_, ENOENT?), (.fileNoSuchFile, _), (.fileReadNoSuchFile, _):
            var isDirectory: ObjCBool = false
            let parentExists = parent.isEmpty || (FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) && isDirectory.boolValue)
            reason = parentExists ? .noSuchFile : .noSuchFolder
        case (_, EACCES?), (_, EPERM?), (.fileReadNoPermission, _), (.fileWriteNoPermission, _): reason = .permissionDenied
        case (_, ENOSPC?), (.fileWriteOutOfSpace, _): reason = .noSpace
        case (_, EROFS?), (.fileWriteVolumeReadOnly, _): reason = .readOnly
        case (_, EISDIR?): reason = .isFolder
        case (_, ENOTDIR?): reason = .notAFolder
        case (_, EEXIST?), (.fileWriteFileExists, _): reason = .exists
        case (_, let errno?): reason = .other(String(cString: strerror(errno)))
        default:
            // Foundation says only "unknown" (512) for some failures; the path says what went wrong.
            // A file read as a folder (`regctl export FILE`): Foundation says only "unknown" (256).
            reason = FileProblem.folder(path) == true ? .isFolder
                : operation == .read && FileProblem.folder(path) == false ? .notAFolder
                : FileProblem.ancestors(of: path).contains { FileProblem.folder($0) == false } ? .notAFolder
                : .other(ns.localizedDescription)
        }
    }

    /// Whether `path` is a folder; nil when nothing is there.
    private static func folder(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) ? isDirectory.boolValue : nil
    }

    private static func ancestors(of path: String) -> [String] {
        var out: [String] = []
        var p = (path as NSString).deletingLastPathComponent
        while !p.isEmpty, p != "/", !out.contains(p) {
            out.append(p)
            p = (p as NSString).deletingLastPathComponent
        }
        return out
    }

    /// `error` in the words of regctl's messages when it is a file error; `error` itself otherwise.
    static func readable(_ error: any Error) -> any Error {
        FileProblem(error) ?? error
    }
}
