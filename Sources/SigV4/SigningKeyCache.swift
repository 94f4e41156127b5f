import Synchronization

/// Caches derived signing keys per secret, day, region and service.
///
/// Deriving a key costs four HMACs; a warm Lambda or worker signs many requests per day
/// with the same inputs. Each entry keeps the key ready for HMAC (its pad blocks hashed).
/// The cache is small and bounded: it is cleared when it grows past a handful of entries
/// (a new day, a rotated secret). The entry used last is checked first, by plain equality,
/// so the usual hit costs neither hashing four strings nor a dictionary probe.
public final class SigningKeyCache: Sendable {
    struct Key: Hashable {
        var secret: String
        var day: String
        var region: String
        var service: String
    }

    struct Entry {
        var bytes: [UInt8]
        var hmac: HMACSHA256Key
    }

    private struct State {
        var last: (key: Key, entry: Entry)?
        var entries: [Key: Entry] = [:]
    }

    private let state = Mutex(State())
    private let limit: Int

    public static let shared = SigningKeyCache()

    public init(limit: Int = 32) {
        self.limit = limit
    }

    func key(secret: String, day: String, region: String, service: String) -> [UInt8] {
        entry(secret: secret, day: day, region: region, service: service).bytes
    }

    func hmacKey(secret: String, day: String, region: String, service: String) -> HMACSHA256Key {
        entry(secret: secret, day: day, region: region, service: service).hmac
    }

    private func entry(secret: String, day: String, region: String, service: String) -> Entry {
        let k = Key(secret: secret, day: day, region: region, service: service)
        let cached: Entry? = state.withLock { state in
            if let last = state.last, last.key == k { return last.entry }
            guard let hit = state.entries[k] else { return nil }
            state.last = (k, hit)
            return hit
        }
        if let cached { return cached }
        let derived = SigV4Signer.deriveSigningKey(secret: secret, day: day, region: region, service: service)
        let entry = Entry(bytes: derived, hmac: HMACSHA256Key(derived))
        state.withLock { state in
            if state.entries.count >= limit { state.entries.removeAll() }
            state.entries[k] = entry
            state.last = (k, entry)
        }
        return entry
    }

    /// Number of cached keys; for tests.
    public var count: Int { state.withLock { $0.entries.count } }
}
