import Foundation
import Testing
import TestSupport
@testable import AWSCore

/// The ECS/EKS container credentials provider against a real HTTP server on 127.0.0.1.
@Suite struct ContainerCredentialsProviderTests {
    typealias F = CredentialsServerFixture

    @Test func relativeURIWithTokenAgainstInjectableBase() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            request.path == "/v2/credentials/abc-123" ? .respond(text: F.body()) : .respond(status: 404)
        }) { server in
            let provider = ContainerCredentialsProvider(
                environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc-123", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer abc"],
                transport: F.transport(), relativeBase: server.baseURL)
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIACONTAINER" && creds.secretAccessKey == F.secret && creds.sessionToken == F.token)
            #expect(creds.expiration == 4_070_908_800)
            let request = try #require(server.requests.first)
            #expect(request.method == "GET" && request.headers["Authorization"] == "Bearer abc")
        }
    }

    @Test func fullURIToLoopbackReReadsTheTokenFileOnEveryFetch() async throws {
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        try "first-token\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: F.body()) }) { server in
            let provider = ContainerCredentialsProvider(environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds?x=1"),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored-when-file-is-set",
            ], transport: F.transport())
            _ = try await provider.credentials()
            try "second-token".write(to: tokenFile, atomically: true, encoding: .utf8)
            _ = try await provider.credentials()
            #expect(server.requests.map(\.target) == ["/creds?x=1", "/creds?x=1"])
            #expect(server.requests.map { $0.headers["Authorization"] } == ["first-token", "second-token"])
        }
    }

    @Test func notFoundAndMalformedJSONAreClearFailuresWithoutSecrets() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            switch request.path {
            case "/missing": return .respond(status: 404, text: "not here")
            case "/garbled": return .respond(text: String(F.body().dropLast(10)))
            case "/incomplete": return .respond(text: #"{"AccessKeyId":"A","Token":"\#(F.token)"}"#)
            default: return .respond(text: F.body(expiration: "next tuesday"))
            }
        }) { server in
            for (path, expected) in [("/missing", "HTTP 404"), ("/garbled", "not valid JSON"), ("/incomplete", "lacks AccessKeyId or SecretAccessKey"), ("/date", "unreadable Expiration")] {
                let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url(path)], transport: F.transport())
                await #expect {
                    try await provider.credentials()
                } throws: { error in
                    let text = "\(error)"
                    return (error as? CredentialsError)?.kind == .failed && text.contains(expected)
                        && !text.contains(F.secret) && !text.contains(F.token)
                }
            }
        }
    }

    @Test func slowEndpointTimesOut() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .delayed(by: .seconds(10), .respond(text: F.body())) }) { server in
            let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/slow")],
                                                        transport: F.transport(), timeouts: HTTPTimeouts(connect: 1, total: 0.3))
            let started = ContinuousClock.now
            await #expect {
                try await provider.credentials()
            } throws: { "\($0)".contains("timeout") && ($0 as? CredentialsError)?.kind == .failed }
            _ = await server.waitUntil(timeout: .seconds(5)) { $0.closedConnectionCount >= 1 }
            // The server would answer after 10 s: the client gave up and closed the connection
            // before that (a wall-clock bound would flake on a loaded machine; this cannot).
            #expect(server.closedConnectionCount >= 1 || ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test(arguments: ["http://169.254.169.254/latest/meta-data/", "http://example.com/creds", "http://10.0.0.1/creds",
                      "https://128.0.0.1/creds", "http://127.0.0.1.evil.com/creds", "file:///etc/passwd", "http://[::2]/c"])
    func nonLoopbackFullURIIsRejectedBeforeAnyRequest(_ uri: String) async {
        let transport = ScriptedTransport([])
        await #expect {
            try await ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri], transport: transport).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("AWS_CONTAINER_CREDENTIALS_FULL_URI") }
        #expect(transport.requests.isEmpty)
    }

    @Test func allowedHostsAndNotConfigured() async throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"] {
            #expect(ContainerCredentialsProvider.isAllowedHost(host), "\(host)")
        }
        await #expect {
            try await ContainerCredentialsProvider(environment: [:], transport: ScriptedTransport([])).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .notConfigured }
        let relative = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"], transport: ScriptedTransport([]))
        #expect(try relative.resolveURL() == "http://169.254.170.2/v2/x")
    }

    @Test func cachedContainerCredentialsAreFetchedOnceFor20ConcurrentCallersAndRefreshedBeforeExpiry() async throws {
        let clock = ManualClock()
        let expiry = clock.epochSeconds + 3600
        try await LocalHTTPServer.withRunning(handler: { _ in .delayed(by: .milliseconds(100), .respond(text: F.body(expiration: F.iso8601(expiry)))) }) { server in
            let cache = CachingCredentialsProvider(
                ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds")], transport: F.transport()),
                now: clock.epochSecondsSource)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await cache.credentials() } }
                try await group.waitForAll()
            }
            #expect(server.requests.count == 1)
            clock.advance(by: 3600 - 301)
            _ = try await cache.credentials()
            #expect(server.requests.count == 1)
            clock.advance(by: 2)
            _ = try await cache.credentials()
            #expect(server.requests.count == 2)
        }
    }
}
