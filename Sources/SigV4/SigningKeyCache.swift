import Synchronization

/// Caches derived signing keys per secret, day, region and service.
///
/// Deriving a key costs four HMACs; a warm Lambda or worker signs many requests per day
/// with the same inputs. The cache is small and bounded: it is cleared when it grows past
/// a handful of entries (a new day, a rotated secret).
public final class SigningKeyCache: Sendable {
    struct Key: Hashable {
        var secret: String
        var day: String
        var region: String
        var service: String
    }

    private let entries = Mutex<[Key: [UInt8]]>([:])
    private let limit: Int

    public static let shared = SigningKeyCache()

    public init(limit: Int = 32) {
        self.limit = limit
    }

    func key(secret: String, day: String, region: String, service: String) -> [UInt8] {
        let k = Key(secret: secret, day: day, region: region, service: service)
        if let cached = entries.withLock({ $0[k] }) { return cached }
        let derived = SigV4Signer.deriveSigningKey(secret: secret, day: day, region: region, service: service)
        entries.withLock { cache in
            if cache.count >= limit { cache.removeAll() }
            cache[k] = derived
        }
        return derived
    }

    /// Number of cached keys; for tests.
    public var count: Int { entries.withLock { $0.count } }
}
