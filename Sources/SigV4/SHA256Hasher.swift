import CCrypto

/// Streaming SHA-256 over libcrypto's plain `SHA256_CTX` (see CCrypto/shim.h for why not the
/// one-shot or EVP functions). A value type: copying it forks the hash state, which is what
/// makes precomputed HMAC keys cheap.
struct SHA256Hasher {
    private var context = SHA256_CTX()

    init() {
        ccrypto_sha256_init(&context)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        ccrypto_sha256_update(&context, base, bytes.count)
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Finishes the hash and hands the 32-byte digest to `body` without allocating it.
    mutating func finalize<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            ccrypto_sha256_final(&context, digest.baseAddress!)
            return body(UnsafeBufferPointer(digest))
        }
    }

    mutating func finalize() -> [UInt8] {
        finalize { Array($0) }
    }
}
