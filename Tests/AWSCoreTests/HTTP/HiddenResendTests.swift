import Testing
import TestSupport
@testable import AWSCore

/// What libcurl really does when a kept-alive connection dies under a request, and how a
/// request keeps libcurl from re-sending it behind the retry policy's back.
///
/// The server answers the first request on a connection and keeps it alive; it reads the
/// second request on that connection and then closes it (or resets it) without answering, as
/// a load balancer or a crashing backend does after the service acted. libcurl's
/// `Curl_retry_request` re-sends a request that got no byte back on a *reused* connection, so
/// the server sees the second request twice; on a fresh connection it never does.
@Suite struct HiddenResendTests {
    /// Request 1 answered (keep-alive), request 2 read then dropped with `drop`, then answers.
    static func dropSecond(_ drop: LocalHTTPServer.Action) -> LocalHTTPServer.Handler {
        let script = ScriptState([.respond(text: "first"), drop])
        return { _ in script.next() ?? .respond(text: "later") }
    }

    @Test(arguments: [LocalHTTPServer.Action.close, .reset])
    func libcurlResendsARequestWhoseReusedConnectionDied(drop: LocalHTTPServer.Action) async throws {
        try await LocalHTTPServer.withRunning(handler: Self.dropSecond(drop)) { server in
            let transport = CurlTransport(environment: [:])
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/read")))
            let second = try await transport.send(HTTPRequest(method: "POST", url: server.url("/write"), body: Array("x".utf8)))
            // One send, one success, and yet two POSTs reached the server: libcurl's hidden resend.
            #expect(second.bodyText == "later")
            let requests = server.requests
            #expect(requests.map(\.path) == ["/read", "/write", "/write"])
            #expect(requests[1].connectionId == requests[0].connectionId)
            #expect(requests[2].connectionId != requests[1].connectionId)
        }
    }

    @Test(arguments: [LocalHTTPServer.Action.close, .reset])
    func aFreshConnectionRequestReachesTheServerOnce(drop: LocalHTTPServer.Action) async throws {
        try await LocalHTTPServer.withRunning(handler: Self.dropSecond(drop)) { server in
            let transport = CurlTransport(environment: [:])
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/read")))
            await #expect {
                try await transport.send(HTTPRequest(method: "POST", url: server.url("/write"), body: Array("x".utf8), freshConnection: true))
            } throws: { ($0 as? HTTPTransportError)?.kind == .connectionReset }
            let requests = server.requests
            #expect(requests.map(\.path) == ["/read", "/write"])
            #expect(requests[1].connectionId != requests[0].connectionId)
        }
    }

    @Test func aFreshConnectionIsNotCachedForLaterRequests() async throws {
        try await LocalHTTPServer.withRunning { server in
            let transport = CurlTransport(environment: [:])
            _ = try await transport.send(HTTPRequest(method: "POST", url: server.url("/write"), freshConnection: true))
            #expect(await server.waitUntil { $0.closedConnectionCount == 1 })
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/read")))
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/read")))
            #expect(server.requests.map(\.connectionId) == [1, 2, 2])
        }
    }
}
