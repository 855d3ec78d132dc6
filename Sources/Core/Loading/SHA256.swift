import Foundation

/// SHA-256 of a file's bytes, streamed (OpenSSL's EVP interface, hardware-accelerated where the CPU allows).
enum SHA256 {
    static func hex(ofFile path: String, displayName: String) throws -> String {
        let digest = ContentDigest()
        var file = try InputFile(path: path, displayName: displayName, digest: digest)
        while try file.next({ $0.count }) > 0 {}
        return digest.hex
    }

    /// SHA-256 of bytes in memory.
    static func hex(of data: [UInt8]) -> String {
        let digest = ContentDigest()
        data.withUnsafeBytes { digest.update($0) }
        return digest.hex
    }
}
