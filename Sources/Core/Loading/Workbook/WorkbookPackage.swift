import Foundation
internal import ZIPFoundation

/// The zip package of a workbook: its entries listed once, each read into memory by streaming the
/// inflated bytes through the limits (nothing is written to disk, and the sizes the zip headers claim
/// are never trusted: inflating stops as soon as a limit is passed).
struct WorkbookPackage {
    let file: String
    let limits: WorkbookLimits
    private let archive: Archive
    /// Entries by lower-cased path: part names in a package are case-insensitive (OPC, ECMA-376 part 2).
    private let entries: [String: Entry]
    /// Bytes inflated so far, against `maxTotalBytes`.
    private(set) var inflated: Int64 = 0

    /// Inflated bytes handed on at a time.
    static let chunkSize = 64 * 1024

    /// The legacy formats told by extension alone: binary Excel (BIFF), WPS's own, and Excel's binary
    /// workbook (a zip of binary parts, not XML).
    static let legacyExtensions: Set<String> = ["xls", "xlt", "et", "ett", "xlsb"]

    /// Opens a workbook file. `displayName` is the name used in messages.
    init(path: String, displayName: String, limits: WorkbookLimits) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        if WorkbookPackage.legacyExtensions.contains(ext) {
            throw WorkbookError(.legacyFormat, file: displayName, words: .core(.workbookLegacyExtension, ["ext": .text(ext)]))
        }
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw WorkbookError(.unreadable, file: displayName, words: .core(FileManager.default.fileExists(atPath: path) ? .filePermissionDenied : .fileMissing))
        }
        defer { try? fh.close() }
        let head = (try? fh.read(upToCount: 8)) ?? Data()
        if WorkbookPackage.isOLE(head) {
            // An OLE compound file: scan its directory names for EncryptedPackage (Office's encryption
            // wraps the real zip in one). The scan reads the file in chunks; OLE files are small.
            try fh.seek(toOffset: 0)
            var encrypted = false
            var carry = Data()
            let marker = WorkbookPackage.encryptedPackageName
            while let chunk = try fh.read(upToCount: 1 << 20), !chunk.isEmpty {
                let window = carry + chunk
                if window.range(of: marker) != nil { encrypted = true; break }
                carry = window.suffix(marker.count)
            }
            throw WorkbookPackage.oleError(encrypted: encrypted, file: displayName)
        }
        guard WorkbookPackage.isZip(head) else {
            throw WorkbookError(.notAWorkbook, file: displayName, words: .core(.workbookNotZip))
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw WorkbookError(.notAWorkbook, file: displayName, words: .core(.workbookZipUnreadable, ["error": .text("\(error)")]))
        }
        try self.init(archive: archive, file: displayName, limits: limits)
    }

    private init(archive: Archive, file: String, limits: WorkbookLimits) throws {
        self.archive = archive
        self.file = file
        self.limits = limits
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw WorkbookError(.tooManyEntries, file: file, words: .core(.workbookTooManyEntries, ["limit": .integer(limits.maxEntries)]))
            }
            let path = entry.path
            guard WorkbookPackage.isContained(path) else {
                throw WorkbookError(.unsafePath, file: file, part: path, words: .core(.workbookUnsafeEntry))
            }
            entries[path.lowercased()] = entry
        }
        self.entries = entries
    }

    /// "PK\3\4" (a zip's first local header) or "PK\5\6" (an empty zip's end record).
    static func isZip(_ head: Data) -> Bool {
        let b = Array(head.prefix(4))
        return b.count == 4 && b[0] == 0x50 && b[1] == 0x4B && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6))
    }

    /// The OLE compound file signature D0 CF 11 E0 A1 B1 1A E1 (.xls, .et, encrypted .xlsx).
    static func isOLE(_ head: Data) -> Bool {
        Array(head.prefix(8)) == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    }

    /// "EncryptedPackage" as an OLE directory entry spells it, UTF-16LE. (Computed: LeakSanitizer
    /// takes a global Data's storage for a leak.)
    static var encryptedPackageName: Data { Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }

    static func oleError(encrypted: Bool, file: String) -> WorkbookError {
        encrypted
            ? WorkbookError(.encrypted, file: file, words: .core(.workbookEncrypted))
            : WorkbookError(.legacyFormat, file: file, words: .core(.workbookLegacyBinary))
    }

    /// True for a relative path that stays inside the package: no leading '/' or '\', no drive letter, no '..'.
    static func isContained(_ path: String) -> Bool {
        let p = path.replacingOccurrences(of: "\\", with: "/")
        if p.hasPrefix("/") || p.isEmpty { return false }
        if p.utf8.count >= 2, Array(p.utf8)[1] == UInt8(ascii: ":") { return false }
        return !p.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// Whether the package has this part.
    func has(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// The inflated bytes of a part, nil when the package has no such part. Throws when a limit is passed.
    ///
    /// A deflated entry is inflated from one input chunk of exactly its compressed size, and the read
    /// stops as soon as that chunk is used up: ZIPFoundation's inflate loop (0.9.20, Linux) would
    /// otherwise read on past the entry and, at the end of the file, spin for ever on a stream that
    /// never ends (tests: runaway-deflate.xlsx). The size and CRC are then checked here.
    mutating func read(_ part: String) throws -> Data? {
        guard let entry = entries[part.lowercased()] else { return nil }
        guard entry.type == .file else { return nil }
        let deflated = entry.isCompressed
        let compressedSize = Int64(clamping: entry.compressedSize)
        if deflated {
            guard compressedSize > 0 else {
                throw WorkbookError(.corruptEntry, file: file, part: part, words: .core(.workbookEntryNoData))
            }
            guard compressedSize <= limits.maxEntryBytes else {
                throw WorkbookError(.entryTooLarge, file: file, part: part, words: .core(.workbookPartLargeCompressed, ["mib": .integer(Int(limits.maxEntryBytes >> 20))]))
            }
        }
        let bufferSize = deflated ? Int(compressedSize) : WorkbookPackage.chunkSize
        var out = Data()
        var produced: Int64 = 0
        let limits = self.limits, file = self.file, before = inflated
        do {
            _ = try archive.extract(entry, bufferSize: bufferSize, skipCRC32: deflated) { chunk in
                produced += Int64(chunk.count)
                if produced > limits.maxEntryBytes {
                    throw WorkbookError(.entryTooLarge, file: file, part: part, words: .core(.workbookPartInflatesLarge, ["mib": .integer(Int(limits.maxEntryBytes >> 20))]))
                }
                if produced > limits.ratioGraceBytes, produced > max(compressedSize, 1) * limits.maxCompressionRatio {
                    throw WorkbookError(.compressionRatio, file: file, part: part, words: .core(.workbookCompressionRatio, ["ratio": .text("\(limits.maxCompressionRatio)")]))
                }
                if before + produced > limits.maxTotalBytes {
                    throw WorkbookError(.totalTooLarge, file: file, part: part, words: .core(.workbookTotalTooLarge, ["mib": .integer(Int(limits.maxTotalBytes >> 20))]))
                }
                out.append(chunk)
                if deflated, chunk.count < bufferSize {
                    // A short output ends the work on one input chunk: the whole entry has been inflated.
                    throw EntryInflated()
                }
                if !deflated, chunk.isEmpty, entry.uncompressedSize > 0 {
                    throw WorkbookError(.corruptEntry, file: file, part: part, words: .core(.workbookEntryShort))
                }
            }
        } catch is EntryInflated {
            guard produced == Int64(clamping: entry.uncompressedSize), out.crc32(checksum: 0) == entry.checksum else {
                throw WorkbookError(.corruptEntry, file: file, part: part, words: .core(.workbookEntryChecksum))
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(.corruptEntry, file: file, part: part, words: .core(.workbookEntryCannotInflate, ["error": .text("\(error)")]))
        }
        inflated += produced
        return out
    }
}

/// Thrown by the inflate consumer once the entry's single input chunk is used up.
private struct EntryInflated: Error {}
