import Logging

/// The production `HTTPTransport`: libcurl driven by one dedicated OS thread, so `send` never
/// blocks a Swift cooperative-pool thread.
///
/// - Concurrency: every request is handed (through a locked queue) to the transport's own
///   thread, which runs one curl multi handle with `curl_multi_poll`; the awaiting task is
///   resumed when its transfer ends. Any number of requests may be in flight at once.
/// - Connections: idle connections are cached per transport (up to `maximumCachedConnections`)
///   and reused by later requests to the same host; share one transport per process.
/// - Timeouts: `HTTPTimeouts.connect` bounds connection set-up, `.total` the whole exchange;
///   `HTTPRequest.timeouts` overrides the transport's defaults for one request. Either expiring
///   throws `.timeout`.
/// - TLS: peer and host verification are always on (system CA bundle); there is no switch.
/// - Proxies: `http_proxy` (lowercase only), `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY`
///   and `no_proxy`/`NO_PROXY` are honoured with libcurl's rules (see `HTTPProxyConfiguration`);
///   they are read once, at init, from `environment` or the process environment. Set
///   `no_proxy=127.0.0.1,169.254.169.254,169.254.170.2` so IMDS and ECS metadata stay direct.
/// - Cancellation: cancelling the calling task aborts the transfer (its connection is closed)
///   and `send` throws `HTTPTransportError(kind: .cancelled)`.
/// - Exactness: method, path, headers and body are sent as given; no redirects are followed,
///   no `Expect: 100-continue`, no automatic decompression; response headers are the final
///   response's only. Any HTTP status is a response, not an error.
/// - Secrets: headers and bodies are never logged; URLs in errors and logs lose their query and
///   userinfo (presigned URLs carry signatures there).
///
/// Note for retry logic: like every libcurl client, a request whose *reused* connection turns out
/// to be dead before any response byte arrives is re-sent on a fresh connection by libcurl, even
/// if the server had read it and acted. `HTTPRequest.freshConnection` prevents that (the request
/// never travels on a reused connection); `AWSClient` sets it for every non-idempotent call.
public final class CurlTransport: HTTPTransport {
    /// Defaults for requests whose `timeouts` is `nil`.
    public let timeouts: HTTPTimeouts
    /// Sent as `User-Agent` unless the request carries its own.
    public let userAgent: String?
    let proxy: HTTPProxyConfiguration
    let loop: CurlTransportLoop

    /// - Parameters:
    ///   - environment: where to read the proxy variables; `nil` (the default) reads the process
    ///     environment once, now.
    ///   - maximumCachedConnections: idle connections kept for reuse (`CURLMOPT_MAXCONNECTS`).
    ///   - logger: receives debug/trace events (failures by method, redacted URL and kind).
    public init(timeouts: HTTPTimeouts = HTTPTimeouts(), userAgent: String? = nil,
                environment: [String: String]? = nil, maximumCachedConnections: Int = 32,
                logger: Logger = Logger(label: "efs-autoscaler.http")) {
        self.timeouts = timeouts
        self.userAgent = userAgent
        self.proxy = environment.map(HTTPProxyConfiguration.init(environment:)) ?? .fromProcessEnvironment()
        self.loop = CurlTransportLoop(maximumCachedConnections: maximumCachedConnections, logger: logger)
    }

    /// Stops the curl thread; requests still in flight (none, unless the last reference is
    /// dropped from elsewhere) fail with `.cancelled`.
    deinit { loop.shutdown() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let plan = try CurlRequestPlan(request: request, defaultTimeouts: timeouts, userAgent: userAgent, proxy: proxy)
        let ticket = CurlTransportTicket(id: loop.makeId())
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                guard ticket.handOver() else {
                    continuation.resume(throwing: CurlTransportErrors.cancelled(plan.url))
                    return
                }
                loop.submit(CurlTransferOrder(id: ticket.id, plan: plan, continuation: continuation))
            }
        } onCancel: {
            if ticket.cancel() { loop.cancel(ticket.id) }
        }
    }
}
