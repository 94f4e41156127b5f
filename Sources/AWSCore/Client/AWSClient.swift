import Logging
import SigV4

/// Signs, sends, decodes and retries AWS requests: the one `AWSRequestExecutor` the service
/// clients run on.
///
/// One client lives for the whole process (or warm Lambda container): the cached credentials,
/// the SigV4 signing-key cache, the retry quota and the learnt clock skew all carry over
/// between calls. Every log line it emits holds method, redacted URL, status, attempt, AWS
/// code and latency — never headers or bodies — and passes through `Redactor`.
public final class AWSClient: AWSRequestExecutor {
    public let transport: any HTTPTransport
    public let credentialsProvider: any CredentialsProvider
    public let region: String
    public let environment: [String: String]
    public let retryPolicy: RetryPolicy
    public let logger: Logger
    public let clockSkew: ClockSkew
    public let userAgent: String
    /// Per-attempt timeouts; `nil` uses the transport's defaults. A deadline shortens them.
    public let timeouts: HTTPTimeouts?
    let now: @Sendable () -> Double

    /// Codes meaning "these temporary credentials are no longer valid" (not "you may not").
    public static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    public static let defaultUserAgent = "efs-autoscaler/1 swift/6 (linux)"

    /// - Parameters:
    ///   - credentials: usually a `CachingCredentialsProvider` around `CredentialsChain.standard`.
    ///   - environment: consulted for endpoint overrides (`AWS_ENDPOINT_URL[_<SERVICE>]`).
    ///   - now: wall-clock seconds since 1970 used for signing; injectable for tests.
    public init(transport: any HTTPTransport, credentials: any CredentialsProvider, region: String,
                environment: [String: String] = [:], retryPolicy: RetryPolicy = RetryPolicy(),
                logger: Logger, timeouts: HTTPTimeouts? = nil, clockSkew: ClockSkew = ClockSkew(),
                userAgent: String = AWSClient.defaultUserAgent,
                now: @escaping @Sendable () -> Double = { WallClock.seconds() }) {
        self.transport = transport
        self.credentialsProvider = credentials
        self.region = region
        self.environment = environment
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.timeouts = timeouts
        self.clockSkew = clockSkew
        self.userAgent = userAgent
        self.now = now
    }

    /// A client configured like the AWS SDKs from an environment snapshot: region
    /// (`AWS_REGION`, `AWS_DEFAULT_REGION`, profile), the standard credentials chain (cached),
    /// `AWS_MAX_ATTEMPTS`, and endpoint overrides. Every setting is validated here, so a typo
    /// fails at start-up with the variable's name rather than on the first call.
    public static func fromEnvironment(_ env: [String: String], transport: any HTTPTransport, logger: Logger) throws -> AWSClient {
        try EndpointResolver.validateOverrides(environment: env)
        let hasRegionVariable = SharedConfig.nonEmpty(env["AWS_REGION"]) != nil || SharedConfig.nonEmpty(env["AWS_DEFAULT_REGION"]) != nil
        let profile = hasRegionVariable ? nil : try SharedConfig.load(environment: env)
        let region = try RegionResolver.resolve(environment: env, profile: profile)
        let retry = try RetryPolicy.standard(environment: env)
        let credentials = CachingCredentialsProvider(CredentialsChain.standard(
            environment: env, transport: transport, region: region, retryPolicy: RetryPolicy(maxAttempts: retry.maxAttempts)))
        return AWSClient(transport: transport, credentials: credentials, region: region, environment: env,
                         retryPolicy: retry, logger: logger)
    }

    /// The same over a new `CurlTransport` whose proxy settings come from `env` too. Share the
    /// returned client (and so its transport's connection pool) across the process.
    public static func fromEnvironment(_ env: [String: String], logger: Logger) throws -> AWSClient {
        try fromEnvironment(env, transport: CurlTransport(environment: env, logger: logger), logger: logger)
    }

    public func endpoint(for service: AWSService) throws -> Endpoint {
        try EndpointResolver.resolve(service: service, region: region, environment: environment)
    }

    /// Which provider supplied the credentials ("environment", "web-identity", "profile", "container", "imds").
    public func credentialsSource() async throws -> String {
        try await credentialsProvider.resolve().source
    }

    /// Uses the task-local `Deadline.current`, if any.
    public func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse {
        try await send(request, deadline: Deadline.current) { $0 }
    }

    /// Returns the first 2xx response; see `send(_:deadline:decode:)`.
    public func execute(_ request: AWSServiceRequest, deadline: Deadline?) async throws -> HTTPResponse {
        try await send(request, deadline: deadline) { $0 }
    }

    /// Uses the task-local `Deadline.current`, if any.
    public func send<Output>(_ request: AWSServiceRequest, decode: (HTTPResponse) throws -> Output) async throws -> Output {
        try await send(request, deadline: Deadline.current, decode: decode)
    }

    /// Sends until a 2xx response that `decode` accepts. Throws `AWSError` (an AWS error
    /// response, after retries), `HTTPTransportError` (no response, after retries), the
    /// `MalformedResponseError` of the last reply `decode` refused, any other error of `decode`
    /// at once, `CredentialsError`, `AWSConfigurationError` (bad endpoint override) or
    /// `DeadlineExceededError` (the deadline had passed when an attempt was due: before the
    /// first one, or because a loaded machine woke a backoff sleep late; it carries the last
    /// failure). No backoff sleep is started that would end past `deadline` (an
    /// `x-amz-retry-after` hint included): then the last failure is thrown at once. Each
    /// attempt's transport timeout is also shortened to the time left.
    ///
    /// Every attempt that went out is logged once, with its number and its status or transport
    /// error: `debug` for a read that succeeded, `info` for a mutating call that succeeded,
    /// `notice`/`warning` for failures. A mutating call travels on a fresh connection, so one
    /// logged attempt is one request on the wire.
    public func send<Output>(_ request: AWSServiceRequest, deadline: Deadline?,
                             decode: (HTTPResponse) throws -> Output) async throws -> Output {
        let endpoint = try endpoint(for: request.service)
        let url = Self.url(endpoint: endpoint, path: request.path, query: request.query)
        let safeURL = Redactor.redactURL(url)
        var log = logger
        log[metadataKey: "aws.service"] = "\(request.service.name)"
        log[metadataKey: "aws.operation"] = "\(request.operation)"

        var attempt = 0
        var acquired = 0
        var skewRetried = false
        var credentialsRefreshed = false
        var lastFailure: String?
        while true {
            attempt += 1
            if let deadline, deadline.hasPassed {
                throw DeadlineExceededError(service: request.service.name, operation: request.operation, attempts: attempt - 1, lastFailure: lastFailure)
            }
            let credentials = try await credentialsProvider.credentials()
            let secrets = [credentials.secretAccessKey, credentials.sessionToken].compactMap { $0 }
            let http = prepare(request, url: url, credentials: credentials, deadline: deadline)
            let started = ContinuousClock.now
            let outcome: Result<HTTPResponse, HTTPTransportError>
            do {
                outcome = .success(try await transport.send(http))
            } catch let error as HTTPTransportError {
                outcome = .failure(error)
            }
            let latencyMS = Int((ContinuousClock.now - started) / .milliseconds(1))
            var meta: Logger.Metadata = ["method": "\(request.method)", "url": "\(safeURL)", "attempt": "\(attempt)",
                                         "latency_ms": "\(latencyMS)", "idempotent": "\(request.idempotent)"]

            let failure: RetryPolicy.Failure
            let thrown: any Error
            var hint: Double?
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                meta["status"] = "\(response.status)"
                do {
                    let output = try decode(response)
                    retryPolicy.quota.release(acquired: acquired)
                    log.log(level: request.idempotent ? .debug : .info, "aws request succeeded", metadata: meta)
                    return output
                } catch let error where error is any MalformedResponseError || error is DecodingError {
                    failure = .malformedResponse
                    thrown = error
                    let reason = Redactor.redact("\(error)", knownSecrets: secrets)
                    meta["malformed_response"] = "\(reason)"
                    lastFailure = reason
                } catch {
                    // AWS answered; what the answer means is the caller's business.
                    retryPolicy.quota.release(acquired: acquired)
                    log.log(level: request.idempotent ? .debug : .info, "aws request succeeded", metadata: meta)
                    throw error
                }
            case .success(let response):
                var error = AWSErrorDecoder.decode(response, service: request.service, operation: request.operation)
                // A server may echo what it received; scrub the live secrets too, whatever their shape.
                error.message = Redactor.redact(error.message, knownSecrets: secrets)
                error.requestId = error.requestId.map { Redactor.redact($0, knownSecrets: secrets) }
                meta["status"] = "\(response.status)"
                meta["code"] = "\(Redactor.redact(error.code, knownSecrets: secrets))"
                if let id = error.requestId { meta["request_id"] = "\(id)" }
                if !credentialsRefreshed, Self.expiredCredentialCodes.contains(error.code),
                   let cache = credentialsProvider as? CachingCredentialsProvider {
                    // The cached temporary credentials were revoked or expired early: fetch new ones once.
                    credentialsRefreshed = true
                    await cache.invalidate()
                    log.notice("aws request rejected for expired credentials; refreshing them", metadata: meta)
                    lastFailure = Redactor.redact(error.description, knownSecrets: secrets)
                    continue
                }
                if !skewRetried, clockSkew.correct(after: error, dateHeader: response.headers["Date"], localNow: now()) {
                    skewRetried = true
                    meta["clock_skew_s"] = "\(Int(clockSkew.seconds))"
                    log.notice("aws request rejected for clock skew; retrying with corrected time", metadata: meta)
                    lastFailure = Redactor.redact(error.description, knownSecrets: secrets)
                    continue
                }
                failure = RetryPolicy.classify(error)
                hint = RetryPolicy.retryAfterHint(response.headers)
                thrown = error
                lastFailure = Redactor.redact(error.description, knownSecrets: secrets)
            case .failure(let error):
                meta["transport_error"] = "\(error.kind.rawValue)"
                failure = RetryPolicy.classify(error)
                thrown = error
                lastFailure = Redactor.redact(error.description, knownSecrets: secrets)
            }

            guard RetryPolicy.isRetryable(failure, idempotent: request.idempotent), attempt < retryPolicy.maxAttempts else {
                if failure == .malformedResponse, !request.idempotent { meta["reason"] = "mutating call: not resent" }
                log.warning("aws request failed", metadata: meta)
                throw thrown
            }
            let delay = retryPolicy.delay(retry: attempt, failure: failure, hint: hint)
            if let hint { meta["retry_after_ms"] = "\(Int(hint * 1000))" }
            if let deadline, delay >= deadline.remainingSeconds {
                meta["reason"] = "deadline too close to retry"
                log.warning("aws request failed; not retrying", metadata: meta)
                throw thrown
            }
            let cost = RetryPolicy.quotaCost(failure)
            guard retryPolicy.quota.acquire(cost) else {
                meta["reason"] = "retry quota exhausted"
                log.warning("aws request failed; not retrying", metadata: meta)
                throw thrown
            }
            acquired += cost
            meta["retry_in_ms"] = "\(Int(delay * 1000))"
            log.notice("aws request failed; retrying", metadata: meta)
            try await retryPolicy.sleep(delay)
        }
    }

    /// The signed HTTP request for one attempt. The protocol headers (`X-Amz-Target`,
    /// `Content-Type`) are set here and only here, from the service's `AWSWireProtocol`; a
    /// request's own values for them are replaced.
    func prepare(_ request: AWSServiceRequest, url: String, credentials: AWSCredentials, deadline: Deadline?) -> HTTPRequest {
        var headers = request.headers
        for header in request.service.wireProtocol.headers(operation: request.operation, hasBody: !request.body.isEmpty) {
            headers.replace(header.name, header.value)
        }
        for name in ["Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token", "User-Agent"] {
            headers.remove(name)
        }
        let signer = SigV4Signer(region: region, service: request.service.signingName)
        let signature = signer.signature(method: request.method, url: url, headers: headers.fields.map { ($0.name, $0.value) },
                                         payloadHash: Digest.sha256Hex(request.body), credentials: credentials,
                                         secondsSince1970: now() + clockSkew.seconds)
        for header in signature.headersToAdd { headers.add(header.name, header.value) }
        headers.add("User-Agent", userAgent)
        return HTTPRequest(method: request.method, url: url, headers: headers, body: request.body,
                           timeouts: attemptTimeouts(deadline: deadline), freshConnection: !request.idempotent)
    }

    /// Shortens the per-attempt timeouts so one attempt cannot outlive the deadline.
    func attemptTimeouts(deadline: Deadline?) -> HTTPTimeouts? {
        guard let deadline else { return timeouts }
        let base = timeouts ?? HTTPTimeouts()
        let remaining = max(0.05, deadline.remainingSeconds)
        guard remaining < base.total else { return timeouts }
        return HTTPTimeouts(connect: min(base.connect, remaining), total: remaining)
    }

    /// `{endpoint}{basePath}{path}?{k=v&...}` with keys and values RFC 3986-encoded.
    static func url(endpoint: Endpoint, path: String, query: [(String, String)]) -> String {
        var url = endpoint.description + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            url += "?" + query.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
        }
        return url
    }
}
