internal import CLibCrypto
import Foundation

/// SHA-256 of a file's bytes, streamed (OpenSSL's EVP interface, hardware-accelerated where the CPU allows).
enum SHA256 {
    static func hex(ofFile path: String, displayName: String) throws -> String {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw LoadError.unreadable(file: displayName, reason: LoadError.UnreadableReason.missingOrDenied(path).rawValue)
        }
        defer { try? fh.close() }
        guard let ctx = EVP_MD_CTX_new() else { throw LoadError.unreadable(file: displayName, reason: LoadError.UnreadableReason.noDigest.rawValue) }
        defer { EVP_MD_CTX_free(ctx) }
        EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
        while true {
            let chunk: Data
            do { chunk = try fh.read(upToCount: 1 << 20) ?? Data() } catch {
                throw LoadError.unreadable(file: displayName, reason: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        }
        var digest = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &digest, &len)
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of bytes in memory.
    static func hex(of data: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        guard let ctx = EVP_MD_CTX_new() else { return "" }
        defer { EVP_MD_CTX_free(ctx) }
        EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
        data.withUnsafeBytes { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        EVP_DigestFinal_ex(ctx, &digest, &len)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
