import Foundation
import Synchronization
import Testing
import TestSupport
@testable import AWSCore

/// `sts:AssumeRoleWithWebIdentity` against moto's STS (the happy path and the refresh), and
/// against a local server for what moto does not play (errors, retries, the request's shape).
@Suite(.serialized) struct WebIdentityCredentialsProviderTests {
    typealias W = WebIdentityFixture

    /// A settable clock for the cache.
    final class Clock: Sendable {
        private let value: Mutex<Double>
        init(_ start: Double) { value = Mutex(start) }
        var now: Double { value.withLock { $0 } }
        func set(_ t: Double) { value.withLock { $0 = t } }
    }

    @Test func assumesTheRoleAgainstMotoAndRefreshesBeforeExpiry() async throws {
        let fixture = try W()
        try await MotoServer.exclusive { moto in
            // Real STS takes this call unsigned (the token is the proof). moto checks signatures
            // once its allowance of unsigned calls is spent: allow exactly the two made here.
            try await moto.reset(freeCalls: 2)
            try await moto.clearRequestLog()
            let env = fixture.environment(sts: moto.endpoint, ["AWS_ROLE_SESSION_NAME": "irsa-test"])
            let provider = WebIdentityCredentialsProvider(environment: env, transport: CredentialsServerFixture.transport())
            let clock = Clock(WallClock.seconds())
            let cache = CachingCredentialsProvider(provider, now: { clock.now })

            let first = try await cache.resolve()
            #expect(first.source == "web-identity")
            #expect(first.credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(first.credentials.sessionToken?.isEmpty == false)
            let expiration = try #require(first.credentials.expiration)
            #expect(abs(expiration - (clock.now + 3600)) < 120)

            // Cached while fresh...
            clock.set(expiration - 600)
            #expect(try await cache.credentials() == first.credentials)
            // ...and refreshed inside the five minutes before expiry.
            clock.set(expiration - 200)
            let second = try await cache.credentials()
            #expect(second.accessKeyId != first.credentials.accessKeyId)

            let log = try await moto.requestLog()
            #expect(log.count == 2)
            #expect(log.allSatisfy { $0.method == "POST" && $0.accessKeyId == nil })
        }
    }

    @Test func sendsAnUnsignedQueryRequestWithTheSessionNameAndToken() async throws {
        let fixture = try W()
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: W.response()) }) { server in
            let provider = WebIdentityCredentialsProvider(environment: fixture.environment(sts: server.baseURL), transport: CredentialsServerFixture.transport(),
                                                          now: { 1_795_317_289.5 })
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIAWEBIDENTITY" && creds.secretAccessKey == W.secret && creds.sessionToken == W.sessionToken)
            #expect(creds.expiration == 4_070_908_800)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST" && request.path == "/")
            #expect(request.headers["Authorization"] == nil && request.headers["X-Amz-Security-Token"] == nil)
            #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(W.form(request) == ["Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15", "RoleArn": W.roleARN,
                                        "RoleSessionName": "efs-autoscaler-1795317289500", "WebIdentityToken": W.token])
        }
    }

    @Test func theSTSEndpointOverrideBeatsTheGeneralOne() async throws {
        let fixture = try W()
        let dead = LocalHTTPServer()
        try dead.start()
        let deadURL = dead.baseURL
        dead.stop()
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: W.response()) }) { server in
            let env = fixture.environment(sts: server.baseURL, ["AWS_ENDPOINT_URL": deadURL])
            _ = try await WebIdentityCredentialsProvider(environment: env, transport: CredentialsServerFixture.transport()).credentials()
            #expect(server.requests.count == 1)
            var general = env
            general["AWS_ENDPOINT_URL_STS"] = nil
            general["AWS_ENDPOINT_URL"] = server.baseURL
            _ = try await WebIdentityCredentialsProvider(environment: general, transport: CredentialsServerFixture.transport()).credentials()
            #expect(server.requests.count == 2)
        }
        #expect(try EndpointResolver.resolve(service: .sts, region: "eu-west-1", environment: [:]).description == "https://sts.eu-west-1.amazonaws.com")
    }

    @Test func transientFailuresAreRetried() async throws {
        let fixture = try W()
        let script = ScriptState([
            .respond(status: 503, text: "busy"),
            .reset,
            .respond(status: 400, text: W.error("IDPCommunicationError", "the OIDC provider timed out")),
        ])
        try await LocalHTTPServer.withRunning(handler: { _ in script.next() ?? .respond(text: W.response()) }) { server in
            var policy = RetryPolicy(maxAttempts: 3)
            policy.sleep = SleepRecorder().sleep
            let provider = WebIdentityCredentialsProvider(environment: fixture.environment(sts: server.baseURL),
                                                          transport: CredentialsServerFixture.transport(), retryPolicy: policy)
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIAWEBIDENTITY")
            #expect(server.requests.count == 4)
        }
    }

    @Test func aRejectedTokenIsAClearFailureWithoutTheToken() async throws {
        let fixture = try W()
        let echo = W.error("InvalidIdentityToken", "Couldn't verify token \(W.token)")
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(status: 400, text: echo) }) { server in
            let provider = WebIdentityCredentialsProvider(environment: fixture.environment(sts: server.baseURL), transport: CredentialsServerFixture.transport())
            await #expect { try await provider.credentials() } throws: { error in
                let text = "\(error)"
                return (error as? CredentialsError)?.kind == .failed && text.contains("InvalidIdentityToken")
                    && text.contains(W.roleARN) && !text.contains(W.token)
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func configurationMistakesNameTheVariable() async throws {
        let fixture = try W()
        let transport = ScriptedTransport([])
        func failure(_ env: [String: String]) async -> CredentialsError? {
            do {
                _ = try await WebIdentityCredentialsProvider(environment: env, transport: transport).credentials()
                return nil
            } catch {
                return error as? CredentialsError
            }
        }
        let base = fixture.environment(sts: "http://127.0.0.1:9")
        let badPath = await failure(base.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token"]) { $1 })
        #expect(badPath?.kind == .failed && badPath?.message.contains("AWS_WEB_IDENTITY_TOKEN_FILE=/nonexistent/token cannot be read") == true)
        let noRole = await failure(base.merging(["AWS_ROLE_ARN": ""]) { $1 })
        #expect(noRole?.kind == .failed && noRole?.message.contains("AWS_ROLE_ARN") == true)
        let badRole = await failure(base.merging(["AWS_ROLE_ARN": "efs-autoscaler"]) { $1 })
        #expect(badRole?.kind == .failed && badRole?.message.contains("AWS_ROLE_ARN") == true)
        let badSession = await failure(base.merging(["AWS_ROLE_SESSION_NAME": "has space"]) { $1 })
        #expect(badSession?.kind == .failed && badSession?.message.contains("AWS_ROLE_SESSION_NAME") == true)
        let unset = await failure(["AWS_ROLE_ARN": W.roleARN])
        #expect(unset?.kind == .notConfigured)
        let badEndpoint = await failure(base.merging(["AWS_ENDPOINT_URL_STS": "localhost:4566"]) { $1 })
        #expect(badEndpoint?.kind == .failed && badEndpoint?.message.contains("AWS_ENDPOINT_URL_STS") == true)
        #expect(transport.requests.isEmpty)
    }

    @Test func aMalformedSTSAnswerIsAFailureWithoutTheSecret() async throws {
        let fixture = try W()
        let missing = W.response().replacingOccurrences(of: "<AccessKeyId>ASIAWEBIDENTITY</AccessKeyId>", with: "")
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: missing) }) { server in
            let provider = WebIdentityCredentialsProvider(environment: fixture.environment(sts: server.baseURL), transport: CredentialsServerFixture.transport())
            await #expect { try await provider.credentials() } throws: { error in
                "\(error)".contains("lacks AccessKeyId") && !"\(error)".contains(W.secret)
            }
        }
    }
}
