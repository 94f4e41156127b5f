import AWSCore
import Testing
import TestSupport

/// Proxy variables, injected through `environment:` so the process environment that every
/// other test shares is never touched. A second `LocalHTTPServer` plays the proxy: a client
/// talking to a proxy sends absolute-form targets (`GET http://host:port/path`).
@Suite struct CurlTransportProxyTests {
    private func withOriginAndProxy(_ body: (_ origin: LocalHTTPServer, _ proxy: LocalHTTPServer) async throws -> Void) async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "origin") }) { origin in
            try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "proxy") }) { proxy in
                try await body(origin, proxy)
            }
        }
    }

    @Test func httpProxyCarriesPlainHTTPRequestsInAbsoluteForm() async throws {
        try await withOriginAndProxy { origin, proxy in
            let transport = CurlTransport(environment: ["http_proxy": proxy.baseURL])
            let response = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/via?x=1")))
            #expect(response.bodyText == "proxy")
            #expect(proxy.requests.map(\.target) == [origin.url("/via?x=1")])
            #expect(origin.requests.isEmpty)
        }
    }

    @Test func allProxyIsTheFallback() async throws {
        try await withOriginAndProxy { origin, proxy in
            let transport = CurlTransport(environment: ["ALL_PROXY": proxy.baseURL])
            let body = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/"))).bodyText
            #expect(body == "proxy")
        }
    }

    @Test(arguments: ["no_proxy", "NO_PROXY"])
    func noProxyKeepsLoopbackDirect(variable: String) async throws {
        try await withOriginAndProxy { origin, proxy in
            let transport = CurlTransport(environment: ["http_proxy": proxy.baseURL, variable: "example.com,127.0.0.1"])
            let response = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/direct")))
            #expect(response.bodyText == "origin")
            #expect(origin.requests.map(\.target) == ["/direct"])
            #expect(proxy.requests.isEmpty)
        }
    }

    @Test func noProxyBypassesADeadProxy() async throws {
        let dead = LocalHTTPServer()
        try dead.start()
        dead.stop()
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "origin") }) { origin in
            let transport = CurlTransport(environment: ["http_proxy": dead.baseURL, "NO_PROXY": "127.0.0.1"])
            let body = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/"))).bodyText
            #expect(body == "origin")

            // Without the exception the same dead proxy is used, and fails to connect.
            let proxied = CurlTransport(environment: ["http_proxy": dead.baseURL])
            let error = await #expect(throws: HTTPTransportError.self) {
                try await proxied.send(HTTPRequest(method: "GET", url: origin.url("/")))
            }
            #expect(error?.kind == .connect)
        }
    }

    @Test func uppercaseHTTPProxyIsIgnoredLikeLibcurlDoes() async throws {
        try await withOriginAndProxy { origin, proxy in
            let transport = CurlTransport(environment: ["HTTP_PROXY": proxy.baseURL])
            let body = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/"))).bodyText
            #expect(body == "origin")
            #expect(proxy.requests.isEmpty)
        }
    }

    @Test func httpsProxyIsNotUsedForPlainHTTP() async throws {
        try await withOriginAndProxy { origin, proxy in
            let transport = CurlTransport(environment: ["https_proxy": proxy.baseURL])
            let body = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/"))).bodyText
            #expect(body == "origin")
            #expect(proxy.requests.isEmpty)
        }
    }
}
