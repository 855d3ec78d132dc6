internal import CLibCrypto
import Foundation

/// SHA-256 of a filing's bytes, fed by whoever reads them: the loader hashes a file while it parses
/// it instead of reading it a second time (issue #19), and `SHA256.hex(ofFile:)` feeds it on its own.
///
/// `@unchecked Sendable` with a lock: the CSV reader's byte source, which is `Sendable`, holds one;
/// only one thread feeds a digest at a time, the lock makes a misuse a wrong hash, never a crash.
package final class ContentDigest: @unchecked Sendable {
    private let lock = NSLock()
    private let context: OpaquePointer
    private var finished: String?

    package init() {
        // EVP_MD_CTX_new fails only when malloc does.
        context = EVP_MD_CTX_new()!
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes, in the order of the file.
    package func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        precondition(finished == nil, "bytes after the digest was taken")
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    /// The digest of every byte added, as 64 lowercase hex digits; the same on every later call.
    package var hex: String {
        lock.lock()
        defer { lock.unlock() }
        if let finished { return finished }
        var digest = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &len)
        let text = digest.map { String(format: "%02x", $0) }.joined()
        finished = text
        return text
    }
}

/// A file read front to back in large reads (`read(2)` of 1 MiB; Foundation's `FileHandle` reads
/// 4 KiB at a time on Linux, 250,000 system calls for a 1 GB filing), each chunk also given to a
/// digest when there is one.
package struct InputFile: ~Copyable {
    package static let chunkSize = 1 << 20
    private let fd: Int32
    private let displayName: String
    private var buffer: [UInt8]
    package private(set) var bytesRead = 0
    package let digest: ContentDigest?

    package init(path: String, displayName: String, digest: ContentDigest? = nil, chunkSize: Int = InputFile.chunkSize) throws(LoadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw LoadError.unreadable(file: displayName, reason: errno == ENOENT ? .noSuchFile
                                       : errno == EACCES ? .permissionDenied : .system(String(cString: strerror(errno))))
        }
        self.fd = fd
        self.displayName = displayName
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
        self.digest = digest
    }

    deinit { close(fd) }

    /// Calls `body` with the next chunk (at most `limit` bytes); an empty chunk at the end.
    package mutating func next<T>(limit: Int = Int.max, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let want = min(limit, buffer.count)
        let fd = fd
        let n: Int = try buffer.withUnsafeMutableBytes { raw throws(LoadError) in
            while true {
                let got = read(fd, raw.baseAddress!, want)
                if got >= 0 { return got }
                if errno != EINTR { throw LoadError.unreadable(file: displayName, reason: .system(String(cString: strerror(errno)))) }
            }
        }
        bytesRead += n
        return try buffer.withUnsafeBytes { raw in
            let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
            digest?.update(chunk)
            return try body(chunk)
        }
    }
}
