import Foundation
import Synchronization
import Testing
import TestSupport
@testable import AWSCore

/// The full client (signing, curl transport, error decoding, retries, credentials chain) against
/// a real HTTP server on 127.0.0.1 that plays AWS failing in the ways the retry policy handles.
@Suite struct AWSClientLocalServerTests {
    /// Serves `script` in order, then `then` forever.
    static func scripted(_ script: [LocalHTTPServer.Action], then fallback: LocalHTTPServer.Action) -> LocalHTTPServer.Handler {
        let state = ScriptState(script)
        return { _ in state.next() ?? fallback }
    }

    static let throttled = LocalHTTPServer.Action.respond(status: 400, headers: ["x-amzn-RequestId": "t-1"], text: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    static let unavailable = LocalHTTPServer.Action.respond(status: 503, headers: ["Content-Type": "text/html"], text: "<html><body><h1>503 Service Unavailable</h1></body></html>")
    static let ok = LocalHTTPServer.Action.respond(text: #"{"Parameter":{"Value":"x"}}"#)

    static func client(_ server: LocalHTTPServer, maxAttempts: Int = 3, quota: RetryQuota = RetryQuota(), random: Double = 0.01) -> AWSClient {
        ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL, maxAttempts: maxAttempts, quota: quota,
                             sleeper: nil, random: random, now: { WallClock.seconds() })
    }

    @Test func throttlingThenSuccess() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.scripted([Self.throttled, Self.throttled], then: Self.ok)) { server in
            let response = try await Self.client(server).execute(ClientFixture.ssmGet(idempotent: false))
            #expect(response.status == 200 && response.bodyText.contains("Parameter"))
            #expect(server.requests.count == 3)
            #expect(server.requests.allSatisfy { $0.headers["X-Amz-Target"] == "AmazonSSM.GetParameter" && $0.headers["Authorization"] != nil })
        }
    }

    @Test func persistent503GivesUpAfterMaxAttempts() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in Self.unavailable }) { server in
            await #expect { try await Self.client(server).execute(ClientFixture.ssmGet()) } throws: { error in
                let e = error as? AWSError
                return e?.code == "HTTP503" && e?.message.contains("503 Service Unavailable") == true
            }
            #expect(server.requests.count == 3)
        }
    }

    @Test func connectionResetRetriedOnlyWhenIdempotent() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.scripted([.reset], then: Self.ok)) { server in
            _ = try await Self.client(server).execute(ClientFixture.ssmGet(idempotent: true))
            #expect(server.requests.count == 2)
        }
        try await LocalHTTPServer.withRunning(handler: Self.scripted([.reset], then: Self.ok)) { server in
            await #expect { try await Self.client(server).execute(ClientFixture.ssmGet(idempotent: false)) } throws: {
                ($0 as? HTTPTransportError)?.kind == .connectionReset
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func quotaExhaustionStopsRetries() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in Self.unavailable }) { server in
            let quota = RetryQuota(capacity: 12)
            let client = Self.client(server, maxAttempts: 10, quota: quota)
            _ = try? await client.execute(ClientFixture.ssmGet())
            #expect(server.requests.count == 3) // two retries of 5 tokens, then 2 left
            _ = try? await client.execute(ClientFixture.ssmGet())
            #expect(server.requests.count == 4) // no retry at all now
        }
    }

    @Test func deadlineRespectedAgainstSlowFailingServer() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .delayed(by: .milliseconds(150), Self.unavailable) }) { server in
            let deadline = Deadline.after(seconds: 0.8)
            let sleeps = DeadlineSleepRecorder(deadline: deadline)
            let client = ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL, maxAttempts: 10,
                                              sleeper: nil, random: 0.999, sleep: sleeps.sleep, now: { WallClock.seconds() })
            await #expect { try await client.execute(ClientFixture.ssmGet(), deadline: deadline) } throws: { $0 is AWSError || $0 is HTTPTransportError || $0 is DeadlineExceededError }
            #expect(sleeps.all.allSatisfy { $0.delay < $0.remaining + 0.02 })
            #expect(server.requests.count >= 1 && server.requests.count < 10)
            #expect(server.requests.count >= sleeps.all.count)
            // Ten attempts would take over 7 s (150 ms each plus 0.1+0.2+...+25.6 s of backoff); fewer
            // than ten requests and no sleep past the deadline prove the deadline cut it short.
        }
    }

    @Test func wrongSignatureNotRetriedAndSkewCorrectedOnce() async throws {
        let denied = LocalHTTPServer.Action.respond(status: 403, headers: ["Date": Timestamp.formatHTTPDate(WallClock.seconds())],
                                                    text: "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error></ErrorResponse>")
        try await LocalHTTPServer.withRunning(handler: { _ in denied }) { server in
            await #expect { try await Self.client(server).execute(ClientFixture.ssmGet()) } throws: { ($0 as? AWSError)?.code == "SignatureDoesNotMatch" }
            #expect(server.requests.count == 1)
        }
        let future = WallClock.seconds() + 7200
        let skewed = LocalHTTPServer.Action.respond(status: 403, headers: ["Date": Timestamp.formatHTTPDate(future)],
                                                    text: #"{"__type":"InvalidSignatureException","message":"Signature expired"}"#)
        try await LocalHTTPServer.withRunning(handler: Self.scripted([skewed], then: Self.ok)) { server in
            _ = try await Self.client(server).execute(ClientFixture.ssmGet())
            #expect(server.requests.count == 2)
            let dates = server.requests.compactMap { $0.headers["X-Amz-Date"] }
            #expect(dates.count == 2 && dates[0] < dates[1])
            // X-Amz-Date is YYYYMMDD'T'HHMMSS'Z': the retry was signed with the server's time.
            let d = Array(dates[1])
            let iso = "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))T\(String(d[9..<11])):\(String(d[11..<13])):\(String(d[13..<15]))Z"
            #expect(abs(try #require(Timestamp.parseISO8601(iso)) - future) < 60)
        }
    }

    @Test func fromEnvironmentUsesContainerCredentialsOnceAcrossConcurrentCalls() async throws {
        let files = try TempAWSFiles()
        try await LocalHTTPServer.withRunning(handler: { request in
            request.path == "/creds" ? .delayed(by: .milliseconds(50), .respond(text: CredentialsServerFixture.body(id: "ASIAFROMCONTAINER"))) : Self.ok
        }) { server in
            let env = files.environment([
                "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_SSM": server.baseURL,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds"), "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok",
                "AWS_EC2_METADATA_DISABLED": "true",
            ])
            let client = try AWSClient.fromEnvironment(env, transport: CredentialsServerFixture.transport(), logger: ClientFixture.silentLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await client.execute(ClientFixture.ssmGet()) } }
                try await group.waitForAll()
            }
            let creds = server.requests.filter { $0.path == "/creds" }
            let calls = server.requests.filter { $0.path == "/" }
            #expect(creds.count == 1 && calls.count == 20)
            #expect(calls.allSatisfy { $0.headers["Authorization"]?.contains("Credential=ASIAFROMCONTAINER/") == true })
            #expect(calls.allSatisfy { $0.headers["X-Amz-Security-Token"] == CredentialsServerFixture.token })
            #expect(try await client.credentialsSource() == "container")
        }
    }

    @Test func fromEnvironmentValidatesEverySettingUpFront() throws {
        #expect(throws: AWSConfigurationError.self) { try AWSClient.fromEnvironment(["AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_ECS": "localhost:4566"], transport: ScriptedTransport([]), logger: ClientFixture.silentLogger) }
        #expect(throws: AWSConfigurationError.self) { try AWSClient.fromEnvironment(["AWS_REGION": "eu-west-1", "AWS_MAX_ATTEMPTS": "x"], transport: ScriptedTransport([]), logger: ClientFixture.silentLogger) }
        #expect(throws: AWSConfigurationError.self) { try AWSClient.fromEnvironment(["HOME": "/nonexistent-home"], transport: ScriptedTransport([]), logger: ClientFixture.silentLogger) }
    }
}

/// A thread-safe queue of scripted actions for a server handler.
final class ScriptState: Sendable {
    private let actions: Mutex<[LocalHTTPServer.Action]>
    init(_ actions: [LocalHTTPServer.Action]) { self.actions = Mutex(actions) }
    func next() -> LocalHTTPServer.Action? { actions.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
}

@Suite struct AWSClientFromEnvironmentTests {
    @Test func defaultTransportReachesTheOverriddenEndpointWithStaticKeys() async throws {
        let files = try TempAWSFiles(config: "[profile local]\nregion = eu-north-1\n",
                                     credentials: "[local]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s3cr3tpr0f1le\n")
        try await LocalHTTPServer.withRunning(handler: { _ in AWSClientLocalServerTests.ok }) { server in
            let env = files.environment(["AWS_PROFILE": "local", "AWS_ENDPOINT_URL": server.baseURL, "AWS_EC2_METADATA_DISABLED": "true"])
            let client = try AWSClient.fromEnvironment(env, logger: ClientFixture.silentLogger)
            #expect(client.region == "eu-north-1")
            _ = try await client.execute(AWSServiceRequest(service: .efs, operation: "DescribeFileSystems", method: "GET", path: "/2015-02-01/file-systems", idempotent: true))
            let sent = try #require(server.requests.first)
            #expect(sent.target == "/2015-02-01/file-systems")
            #expect(sent.headers["Authorization"]?.contains("Credential=AKIDPROFILE/") == true)
            #expect(sent.headers["Authorization"]?.contains("/eu-north-1/elasticfilesystem/aws4_request") == true)
            #expect(try await client.credentialsSource() == "profile")
        }
    }
}
