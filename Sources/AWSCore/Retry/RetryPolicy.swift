import Logging

/// The one place that decides whether and when to retry: the SDKs' "standard" mode.
///
/// Pure decisions (`classify`, `isRetryable`, `delay`) are separated from state (the shared
/// `RetryQuota`) and effects (the injectable `sleep`), so tests drive the state machine with
/// scripted outcomes and no real waiting. `AWSClient` runs signed calls on these decisions;
/// `send(_:over:deadline:)` runs the unsigned ones (container credentials, IMDS, STS web
/// identity) on the same decisions.
public struct RetryPolicy: Sendable {
    /// Total attempts, first included (SDK default 3; `AWS_MAX_ATTEMPTS`).
    public var maxAttempts: Int
    /// Backoff base for transient failures (5xx, transport errors, malformed replies).
    public var baseDelay: Double
    /// Backoff base for throttling: the SDKs' standard mode waits longer when AWS says "slow
    /// down" (1 s) than after a transient failure (0.1 s). SSM's quota is shared with the
    /// application, so hammering it at 0.1 s would throttle the very consumers we serve.
    public var throttlingBaseDelay: Double
    /// Cap of every backoff, hints included (the SDKs' 20 s).
    public var maxBackoff: Double
    public var quota: RetryQuota
    /// Uniform in [0, 1); injectable for deterministic tests.
    public var random: @Sendable () -> Double
    /// Sleeps for the given seconds; throws on cancellation.
    public var sleep: @Sendable (Double) async throws -> Void

    public static let defaultBaseDelay = 0.1
    public static let defaultThrottlingBaseDelay = 1.0
    public static let defaultMaxBackoff = 20.0

    public init(maxAttempts: Int = 3, baseDelay: Double = RetryPolicy.defaultBaseDelay,
                throttlingBaseDelay: Double = RetryPolicy.defaultThrottlingBaseDelay,
                maxBackoff: Double = RetryPolicy.defaultMaxBackoff,
                quota: RetryQuota = RetryQuota(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.throttlingBaseDelay = throttlingBaseDelay
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
        /// A 2xx whose body is not what the operation promises (bad JSON, a proxy's HTML page,
        /// a body cut short): AWS may well have acted, so only an idempotent call is resent.
        case malformedResponse
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

    /// A non-AWS HTTP answer (credentials endpoints, IMDS): 429 is throttling, 500/502/503/504
    /// transient, anything else final.
    public static func classify(status: Int) -> Failure {
        if status == 429 { return .throttling }
        if retryableStatuses.contains(status) { return .transient }
        return .notRetryable
    }

    /// Whether this failure may be retried for a request with this idempotency. A
    /// non-idempotent request is retried after a transport error only if it surely never left
    /// (connect failed): a reset or timeout may have reached AWS and acted. Throttling and 5xx
    /// mean AWS did not act, so they are retried whatever the request.
    public static func isRetryable(_ failure: Failure, idempotent: Bool) -> Bool {
        switch failure {
        case .throttling, .transient, .transportSurelyUnsent: return true
        case .transportTimeout, .transportOther, .malformedResponse: return idempotent
        case .notRetryable: return false
        }
    }

    public static func quotaCost(_ failure: Failure) -> Int {
        failure == .transportTimeout ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost
    }

    /// Full-jitter exponential backoff before retry number `retry` (1 for the first retry):
    /// uniform in [0, min(cap, base × 2^(retry-1))), with the throttling base after throttling.
    public func backoff(retry: Int, failure: Failure = .transient) -> Double {
        let exponent = min(max(retry - 1, 0), 30)
        let base = failure == .throttling ? throttlingBaseDelay : baseDelay
        let ceiling = min(maxBackoff, base * Double(1 << exponent))
        return random() * ceiling
    }

    /// The header in which AWS tells how long to wait before retrying, in milliseconds.
    public static let retryAfterHeader = "x-amz-retry-after"

    /// The `x-amz-retry-after` hint in seconds: a non-negative integer of milliseconds, else `nil`
    /// (a malformed hint is ignored, never an error).
    public static func retryAfterHint(_ headers: HTTPHeaders) -> Double? {
        guard let text = headers[retryAfterHeader]?.trimmingHTTPWhitespace, let ms = Int(text), ms >= 0 else { return nil }
        return Double(ms) / 1000
    }

    /// The wait before retry number `retry`: the jittered backoff, or the server's hint when it
    /// asks for longer, both capped at `maxBackoff`. The caller still checks the result against
    /// its deadline: a wait that would end past it is not started.
    public func delay(retry: Int, failure: Failure, hint: Double?) -> Double {
        let computed = backoff(retry: retry, failure: failure)
        guard let hint else { return computed }
        return min(maxBackoff, max(computed, hint))
    }
}

extension RetryPolicy {
    /// Sends an unsigned request (container credentials, IMDS, STS web identity) with the same
    /// decisions as a signed call: transport failures, 429 and 500/502/503/504 are retried with
    /// backoff up to `maxAttempts`; `idempotent: false` keeps a reset or timeout from being
    /// resent and asks the transport for a fresh connection. Never sleeps past `deadline`.
    ///
    /// Returns the last response, whatever its status (callers keep their own messages for a
    /// final 4xx or a 5xx that outlived the retries); throws the last `HTTPTransportError` when
    /// no attempt got a response. The retry quota is not used: these calls are few and each
    /// provider has its own policy. `classify` lets a caller name a service's own transient
    /// answers (STS's `IDPCommunicationError` is a 400); by default only the status counts.
    public func send(_ request: HTTPRequest, over transport: any HTTPTransport, idempotent: Bool = true,
                     deadline: Deadline? = Deadline.current, logger: Logger? = nil,
                     classify: (HTTPResponse) -> Failure = { RetryPolicy.classify(status: $0.status) }) async throws -> HTTPResponse {
        var request = request
        request.freshConnection = request.freshConnection || !idempotent
        var attempt = 0
        while true {
            attempt += 1
            let failure: Failure
            let outcome: Result<HTTPResponse, HTTPTransportError>
            do {
                let response = try await transport.send(request)
                outcome = .success(response)
                failure = (200..<300).contains(response.status) ? .notRetryable : classify(response)
            } catch let error as HTTPTransportError {
                outcome = .failure(error)
                failure = Self.classify(error)
            }
            let hint: Double?
            switch outcome {
            case .success(let response):
                logger?.debug("http attempt", metadata: ["url": "\(Redactor.redactURL(request.url))", "attempt": "\(attempt)", "status": "\(response.status)"])
                if (200..<300).contains(response.status) || failure == .notRetryable { return response }
                hint = Self.retryAfterHint(response.headers)
            case .failure(let error):
                logger?.debug("http attempt", metadata: ["url": "\(Redactor.redactURL(request.url))", "attempt": "\(attempt)", "transport_error": "\(error.kind.rawValue)"])
                hint = nil
            }
            let delay = delay(retry: attempt, failure: failure, hint: hint)
            let tooLate = deadline.map { delay >= $0.remainingSeconds } ?? false
            guard Self.isRetryable(failure, idempotent: idempotent), attempt < maxAttempts, !tooLate else {
                return try outcome.get()
            }
            try await sleep(delay)
        }
    }
}
