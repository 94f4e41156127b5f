import Synchronization

/// The SDKs' retry quota: a token bucket shared by every request of a client, so that when a
/// region is failing, retries stop instead of multiplying the load by the attempt count.
///
/// A retry costs 5 tokens (10 after a timeout); a success refunds what its retries took, or
/// 1 token when it needed none. With the bucket empty, failures are returned at once.
public final class RetryQuota: Sendable {
    public static let defaultCapacity = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let noRetryIncrement = 1

    public let capacity: Int
    private let tokens: Mutex<Int>

    public init(capacity: Int = RetryQuota.defaultCapacity) {
        self.capacity = capacity
        self.tokens = Mutex(capacity)
    }

    public var available: Int { tokens.withLock { $0 } }

    /// Takes `cost` tokens if there are enough; `false` means "do not retry".
    public func acquire(_ cost: Int) -> Bool {
        tokens.withLock { t in
            guard t >= cost else { return false }
            t -= cost
            return true
        }
    }

    /// After a successful attempt: refunds the retry cost spent on it, or the small increment.
    public func release(acquired: Int) {
        let refund = acquired > 0 ? acquired : Self.noRetryIncrement
        tokens.withLock { t in t = min(capacity, t + refund) }
    }
}
