import Synchronization
import Testing
import TestSupport
@testable import AWSCore

/// Issue 17: the container-credentials and IMDS fetches are retried on transient failures
/// (connection errors, 5xx, throttling), like any call, against a real server on 127.0.0.1
/// that fails first and then answers. A final 4xx is still not retried.
@Suite struct CredentialsFetchRetryTests {
    typealias F = CredentialsServerFixture

    /// Serves `script` in order, then `then` forever.
    static func scripted(_ script: [LocalHTTPServer.Action], then fallback: LocalHTTPServer.Action) -> LocalHTTPServer.Handler {
        let state = ScriptState(script)
        return { _ in state.next() ?? fallback }
    }

    @Test func containerFetchSurvivesA503AResetAndA429() async throws {
        let handler = Self.scripted([.respond(status: 503, text: "agent starting"), .reset, .respond(status: 429)],
                                    then: .respond(text: F.body()))
        try await LocalHTTPServer.withRunning(handler: handler) { server in
            let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds")],
                                                        transport: F.transport())
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIACONTAINER")
            #expect(server.requests.count == 4)
        }
    }

    @Test func containerFetchGivesUpAfterTheAttemptsAndDoesNotRetryA404() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(status: 500) }) { server in
            let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds")],
                                                        transport: F.transport())
            await #expect { try await provider.credentials() } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("HTTP 500") }
            #expect(server.requests.count == 3)
        }
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(status: 404) }) { server in
            let provider = ContainerCredentialsProvider(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds")],
                                                        transport: F.transport())
            await #expect { try await provider.credentials() } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("HTTP 404") }
            #expect(server.requests.count == 1)
        }
    }

    @Test func imdsRetriesEachOfItsThreeCalls() async throws {
        let healthy = InstanceMetadataCredentialsProviderTests.imds()
        // The first request of each path fails once: the token with 503, the role list with a
        // reset, the credentials with a 500. Retried, each succeeds on its second attempt.
        let counter = Mutex(0)
        let handler: LocalHTTPServer.Handler = { request in
            switch counter.withLock({ n in n += 1; return n }) {
            case 1: return .respond(status: 503)
            case 3: return .reset
            case 5: return .respond(status: 500)
            default: return healthy(request)
            }
        }
        try await LocalHTTPServer.withRunning(handler: handler) { server in
            let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL],
                                                               transport: F.transport())
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIAIMDS")
            #expect(server.requests.map { "\($0.method) \($0.path)" } == [
                "PUT /latest/api/token", "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/", "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/efs-autoscaler-role",
                "GET /latest/meta-data/iam/security-credentials/efs-autoscaler-role",
            ])
        }
    }
}
