import AWSCore
import Foundation
import Testing
import TestSupport

/// Proxy variables, injected through `environment:` so the process environment that every
/// other test shares is never touched. A second `LocalHTTPServer` plays the proxy: a client
/// talking to a proxy sends absolute-form targets (`GET http://host:port/path`).
@Suite struct CurlTransportProxyTests {
    enum Route: String, Sendable { case proxy, origin }

    /// `{proxy}` in a value stands for the proxy server's base URL.
    @Test(arguments: [
        (["http_proxy": "{proxy}"], Route.proxy),
        (["ALL_PROXY": "{proxy}"], .proxy),
        (["all_proxy": "{proxy}", "https_proxy": "http://127.0.0.1:9"], .proxy),
        (["http_proxy": "{proxy}", "no_proxy": "example.com,127.0.0.1"], .origin),
        (["http_proxy": "{proxy}", "NO_PROXY": "127.0.0.1"], .origin),
        (["http_proxy": "{proxy}", "no_proxy": "*"], .origin),
        (["HTTP_PROXY": "{proxy}"], .origin),  // ignored, as libcurl does ("httpoxy")
        (["https_proxy": "{proxy}"], .origin),  // only for https:// URLs
        ([:], .origin),
    ])
    func requestsGoWhereTheVariablesSay(environment: [String: String], route: Route) async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "origin") }) { origin in
            try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "proxy") }) { proxy in
                let transport = CurlTransport(environment: environment.mapValues {
                    $0.replacingOccurrences(of: "{proxy}", with: proxy.baseURL)
                })
                let response = try await transport.send(HTTPRequest(method: "GET", url: origin.url("/p?x=1")))
                #expect(response.bodyText == route.rawValue)
                switch route {
                case .proxy:
                    #expect(proxy.requests.map(\.target) == [origin.url("/p?x=1")])
                    #expect(origin.requests.isEmpty)
                case .origin:
                    #expect(origin.requests.map(\.target) == ["/p?x=1"])
                    #expect(proxy.requests.isEmpty)
                }
            }
        }
    }

    @Test func noProxyBypassesADeadProxy() async throws {
        let dead = LocalHTTPServer()
        try dead.start()
        dead.stop()
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: "origin") }) { origin in
            let direct = CurlTransport(environment: ["http_proxy": dead.baseURL, "NO_PROXY": "127.0.0.1"])
            let body = try await direct.send(HTTPRequest(method: "GET", url: origin.url("/"))).bodyText
            #expect(body == "origin")

            // Without the exception the same dead proxy is used, and fails to connect.
            let proxied = CurlTransport(environment: ["http_proxy": dead.baseURL])
            let error = await #expect(throws: HTTPTransportError.self) {
                try await proxied.send(HTTPRequest(method: "GET", url: origin.url("/")))
            }
            #expect(error?.kind == .connect)
        }
    }
}
