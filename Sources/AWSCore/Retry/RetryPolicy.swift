/// The one place that decides whether and when to retry: the SDKs' "standard" mode.
///
/// Pure decisions (`classify`, `backoff`) are separated from state (the shared `RetryQuota`)
/// and effects (the injectable `sleep`), so tests drive the state machine with scripted
/// outcomes and no real waiting.
public struct RetryPolicy: Sendable {
    /// Total attempts, first included (SDK default 3; `AWS_MAX_ATTEMPTS`).
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxBackoff: Double
    public var quota: RetryQuota
    /// Uniform in [0, 1); injectable for deterministic tests.
    public var random: @Sendable () -> Double
    /// Sleeps for the given seconds; throws on cancellation.
    public var sleep: @Sendable (Double) async throws -> Void

    public init(maxAttempts: Int = 3, baseDelay: Double = 0.1, maxBackoff: Double = 20,
                quota: RetryQuota = RetryQuota(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.quota = quota
        self.random = random
        self.sleep = sleep
    }

    /// Standard mode with `AWS_MAX_ATTEMPTS` from the environment (a positive integer).
    public static func standard(environment env: [String: String]) throws -> RetryPolicy {
        guard let text = SharedConfig.nonEmpty(env["AWS_MAX_ATTEMPTS"]) else { return RetryPolicy() }
        guard let n = Int(text), (1...20).contains(n) else {
            throw AWSConfigurationError(setting: "AWS_MAX_ATTEMPTS", value: text, reason: "must be an integer from 1 to 20")
        }
        return RetryPolicy(maxAttempts: n)
    }

    /// What kind of failure an attempt ended with, as far as retrying goes.
    public enum Failure: Sendable, Equatable {
        case throttling
        case transient
        case transportTimeout
        case transportSurelyUnsent
        case transportOther
        case notRetryable
    }

    public static let retryableStatuses: Set<Int> = [500, 502, 503, 504]

    public static func classify(_ error: AWSError) -> Failure {
        if error.isThrottling { return .throttling }
        if AWSError.transientCodes.contains(error.code) || retryableStatuses.contains(error.httpStatus) { return .transient }
        return .notRetryable
    }

    public static func classify(_ error: HTTPTransportError) -> Failure {
        switch error.kind {
        case .connect: return .transportSurelyUnsent
        case .timeout: return .transportTimeout
        case .connectionReset, .other: return .transportOther
        case .tls, .cancelled, .invalidRequest: return .notRetryable
        }
    }

    /// Whether this failure may be retried for a request with this idempotency. A
    /// non-idempotent request is retried after a transport error only if it surely never left
    /// (connect failed): a reset or timeout may have reached AWS and acted.
    public static func isRetryable(_ failure: Failure, idempotent: Bool) -> Bool {
        switch failure {
        case .throttling, .transient, .transportSurelyUnsent: return true
        case .transportTimeout, .transportOther: return idempotent
        case .notRetryable: return false
        }
    }

    public static func quotaCost(_ failure: Failure) -> Int {
        failure == .transportTimeout ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost
    }

    /// Full-jitter exponential backoff before retry number `retry` (1 for the first retry).
    public func backoff(retry: Int) -> Double {
        let exponent = min(retry - 1, 30)
        let ceiling = min(maxBackoff, baseDelay * Double(1 << exponent))
        return random() * ceiling
    }
}
