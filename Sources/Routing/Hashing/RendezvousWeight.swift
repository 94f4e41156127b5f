import CCrypto

/// The weight of a (mount target, path) pair for rendezvous hashing.
///
/// Definition, stable across processes, platforms and languages so that every host routes a
/// path to the same mount target:
///
///     message = UInt32-big-endian(byte count of id) ‖ UTF-8(id) ‖ UTF-8(path)
///     weight  = first 8 bytes of SHA-256(message), read as a big-endian UInt64
///
/// The length prefix makes the pair unambiguous (`("ab","c")` ≠ `("a","bc")`). The path is
/// hashed byte for byte: `/a/b` and `/a//b/` are different paths; normalise before routing if
/// your callers spell paths differently. SHA-256 is slower than a non-cryptographic hash, but a
/// routing decision costs one digest per mount target (at most one per AZ) and the result can
/// be reproduced anywhere with `hashlib.sha256`.
public struct RendezvousWeight: Sendable {
    private let prefix: [UInt8]

    public init(mountTargetId: String) {
        let id = Array(mountTargetId.utf8)
        let count = UInt32(truncatingIfNeeded: id.count)
        prefix = [UInt8(count >> 24), UInt8((count >> 16) & 0xff), UInt8((count >> 8) & 0xff), UInt8(count & 0xff)] + id
    }

    public func weight(of path: String) -> UInt64 {
        var path = path
        return path.withUTF8 { pathBytes in
            let count = prefix.count + pathBytes.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + Int(SHA256_DIGEST_LENGTH)) { buffer in
                let message = buffer.baseAddress!
                _ = UnsafeMutableBufferPointer(start: message, count: prefix.count).initialize(from: prefix)
                _ = UnsafeMutableBufferPointer(start: message + prefix.count, count: pathBytes.count).initialize(from: pathBytes)
                let digest = message + count
                _ = SHA256(message, count, digest)
                var weight: UInt64 = 0
                for offset in 0..<8 { weight = weight << 8 | UInt64(digest[offset]) }
                return weight
            }
        }
    }

    public static func weight(mountTargetId: String, path: String) -> UInt64 {
        RendezvousWeight(mountTargetId: mountTargetId).weight(of: path)
    }
}
