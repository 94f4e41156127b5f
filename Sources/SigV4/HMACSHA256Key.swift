/// An HMAC-SHA-256 key with its inner and outer pad blocks already hashed (RFC 2104).
///
/// A SigV4 signing key signs every request of a day; hashing its two pad blocks once turns
/// each HMAC into two state copies and the message's own blocks. Holds key material: it is
/// never printed (no `CustomStringConvertible`), and it lives only in `SigningKeyCache`.
struct HMACSHA256Key: @unchecked Sendable {  // two plain C structs of integers, never mutated
    private let inner: SHA256Hasher
    private let outer: SHA256Hasher

    init(_ key: [UInt8]) {
        var block = [UInt8](repeating: 0, count: 64)
        if key.count > 64 {
            var h = SHA256Hasher()
            h.update(key)
            h.finalize { digest in for i in 0..<32 { block[i] = digest[i] } }
        } else {
            for i in key.indices { block[i] = key[i] }
        }
        var inner = SHA256Hasher()
        var outer = SHA256Hasher()
        for i in 0..<64 { block[i] ^= 0x36 }
        inner.update(block)
        for i in 0..<64 { block[i] ^= 0x36 ^ 0x5C }
        outer.update(block)
        self.inner = inner
        self.outer = outer
    }

    /// The MAC of `message`, handed to `body` without allocating it.
    func authenticate<R>(_ message: UnsafeRawBufferPointer, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var innerHash = inner
        innerHash.update(message)
        var outerHash = outer
        innerHash.finalize { outerHash.update(UnsafeRawBufferPointer($0)) }
        return outerHash.finalize(body)
    }

    func authenticate(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { authenticate($0) { Array($0) } }
    }
}
