import AWSCore
import Dispatch
import Foundation
import Glibc
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 for tests: anything that speaks HTTP to AWS (transport,
/// credential providers, IMDS, retries, the Lambda Runtime API) is tested against it.
///
/// - Binds 127.0.0.1 on an OS-chosen port (`port`, `baseURL` after `start()`).
/// - One accept thread plus one OS thread per connection (never the Swift cooperative pool), so the
///   handler may block, e.g. on a `LocalHTTPServerGate`, to model a long poll or to hold many
///   requests in flight at once.
/// - Keep-alive: a connection serves requests until the client closes it, sends
///   `Connection: close`, or the handler's response carries `Connection: close`.
/// - Records every request (method, raw target, headers, de-chunked body, connection id), counts
///   accepted and closed connections so tests can prove reuse and aborts.
/// - Answers `Expect: 100-continue` with `100 Continue` before reading the body.
///
/// ```swift
/// let server = LocalHTTPServer { request in
///     request.path == "/ok" ? .respond(text: "hi") : .respond(status: 404)
/// }
/// try server.start()
/// defer { server.stop() }
/// // ... send to server.url("/ok"), then #expect(server.requests.count == 1)
/// ```
/// or `try await LocalHTTPServer.withRunning(handler: ...) { server in ... }`.
///
/// For retry tests: `.reset`/`.close` on a keep-alive connection that already served a request
/// makes libcurl (so `CurlTransport`) resend once on a fresh connection before reporting an
/// error, so the handler sees that request twice — unless the request set `freshConnection`
/// (`AWSClient` does for every mutating call; `HiddenResendTests` proves both). Use a fresh
/// transport, or `Connection: close` on earlier responses, when a test counts attempts. `LocalHTTPServer.script` sequences actions.
///
/// What can go wrong: a handler that blocks forever keeps its connection thread alive after
/// `stop()` (the socket is shut down, the thread is not killed). Forgetting `stop()` leaks the
/// accept thread and the server (the thread holds it).
public final class LocalHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) -> Action

    /// A consistent view of what the server has seen so far.
    public struct Snapshot: Sendable {
        public var requests: [RecordedRequest]
        /// Connections accepted since `start()`.
        public var connectionCount: Int
        /// Connections that have ended (closed by either side, reset, or shut down by `stop()`).
        public var closedConnectionCount: Int
    }

    struct State {
        enum Phase { case idle, running, stopped }
        var phase = Phase.idle
        var handler: Handler
        var listenFD: Int32 = -1
        var port = 0
        var requests: [RecordedRequest] = []
        var connectionCount = 0
        var closedConnectionCount = 0
        var openConnections: Set<Int32> = []
        var acceptThreadDone: DispatchSemaphore?
    }

    let state: Mutex<State>

    /// `handler` decides what to do with each request; the default answers `200` with no body.
    public init(handler: @escaping Handler = { _ in .respond() }) {
        state = Mutex(State(handler: handler))
    }

    deinit { stop() }

    /// Binds 127.0.0.1:0 and starts accepting. Throws if the socket cannot be bound; a server
    /// starts once (calling `start()` again is a programming error).
    public func start() throws {
        let (fd, port) = try LocalHTTPServerSocket.listen()
        let done = DispatchSemaphore(value: 0)
        let ok = state.withLock { s -> Bool in
            guard s.phase == .idle else { return false }
            s.phase = .running
            s.listenFD = fd
            s.port = port
            s.acceptThreadDone = done
            return true
        }
        guard ok else {
            close(fd)
            preconditionFailure("LocalHTTPServer.start() called on a server that was already started")
        }
        Thread.detachNewThread { [self] in
            acceptLoop(listenFD: fd)
            done.signal()
        }
    }

    /// Stops accepting, shuts down every open connection and waits for the accept thread to end.
    /// Afterwards connecting to `port` is refused. Safe to call more than once.
    public func stop() {
        let done = state.withLock { s -> DispatchSemaphore? in
            guard s.phase == .running else {
                s.phase = .stopped
                return nil
            }
            s.phase = .stopped
            shutdown(s.listenFD, Int32(SHUT_RDWR))
            for fd in s.openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
            return s.acceptThreadDone
        }
        done?.wait()
    }

    /// Replaces the handler for requests that arrive from now on.
    public func setHandler(_ handler: @escaping Handler) {
        state.withLock { $0.handler = handler }
    }

    /// The bound port; 0 before `start()`.
    public var port: Int { state.withLock { $0.port } }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL` followed by `pathAndQuery` (which should start with `/`).
    public func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

    public var requests: [RecordedRequest] { state.withLock { $0.requests } }
    public var connectionCount: Int { state.withLock { $0.connectionCount } }
    public var closedConnectionCount: Int { state.withLock { $0.closedConnectionCount } }

    public var snapshot: Snapshot {
        state.withLock { Snapshot(requests: $0.requests, connectionCount: $0.connectionCount,
                                  closedConnectionCount: $0.closedConnectionCount) }
    }

    /// Polls (without blocking the cooperative pool) until `condition` holds or `timeout` passes;
    /// returns whether it held. Use with `#expect`/`#require` instead of sleeping.
    public func waitUntil(timeout: Duration = .seconds(10), _ condition: (Snapshot) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if condition(snapshot) { return true }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until at least `count` requests have been received.
    public func waitForRequests(count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        await waitUntil(timeout: timeout) { $0.requests.count >= count }
    }

    /// Starts a server, runs `body`, and stops the server however `body` ends.
    public static func withRunning<T>(
        isolation: isolated (any Actor)? = #isolation,
        handler: @escaping Handler = { _ in .respond() },
        _ body: (LocalHTTPServer) async throws -> T
    ) async throws -> T {
        let server = LocalHTTPServer(handler: handler)
        try server.start()
        defer { server.stop() }
        return try await body(server)
    }

    private func acceptLoop(listenFD: Int32) {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if state.withLock({ $0.phase != .running }) { break }
                usleep(10_000)  // e.g. EMFILE: back off rather than spin
                continue
            }
            let id = state.withLock { s -> Int? in
                guard s.phase == .running else { return nil }
                s.connectionCount += 1
                s.openConnections.insert(client)
                return s.connectionCount
            }
            guard let id else {
                close(client)
                break
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            Thread.detachNewThread { [self] in
                let fate = serve(fd: client, connectionId: id)
                finish(fd: client, fate: fate)
            }
        }
        close(listenFD)
    }

    /// Closes a connection under the lock, so `stop()` never shuts down a reused descriptor number.
    private func finish(fd: Int32, fate: ConnectionFate) {
        state.withLock { s in
            s.openConnections.remove(fd)
            if fate == .reset { LocalHTTPServerSocket.setResetOnClose(fd) }
            close(fd)
            s.closedConnectionCount += 1
        }
    }
}
