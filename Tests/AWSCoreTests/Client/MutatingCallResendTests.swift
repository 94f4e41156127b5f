import Testing
import TestSupport
@testable import AWSCore

/// Issue 17: no hidden resends of mutating calls. An independent fault run saw two
/// `CreateMountTarget` calls reach the server for one logged attempt: the reused keep-alive
/// connection was reset after the server had acted, and libcurl silently sent the request
/// again. Through the whole client against a real server on 127.0.0.1, counting what arrived.
@Suite struct MutatingCallResendTests {
    static func createMountTarget() -> AWSServiceRequest {
        AWSServiceRequest(service: .efs, operation: "CreateMountTarget", path: "/2015-02-01/mount-targets",
                          body: Array(#"{"FileSystemId":"fs-1","SubnetId":"subnet-1"}"#.utf8), idempotent: false)
    }

    static func describe() -> AWSServiceRequest {
        AWSServiceRequest(service: .efs, operation: "DescribeMountTargets", method: "GET", path: "/2015-02-01/mount-targets",
                          query: [("FileSystemId", "fs-1")], idempotent: true)
    }

    /// Request 1 answered (keep-alive), request 2 read then the connection dropped, then 200s.
    static func dropSecond(_ drop: LocalHTTPServer.Action) -> LocalHTTPServer.Handler {
        let script = ScriptState([.respond(text: #"{"MountTargets":[]}"#), drop])
        return { _ in script.next() ?? .respond(text: #"{"MountTargetId":"fsmt-2"}"#) }
    }

    @Test(arguments: [LocalHTTPServer.Action.close, .reset])
    func aMutatingCallWhoseConnectionDiesReachesTheServerOnce(drop: LocalHTTPServer.Action) async throws {
        try await LocalHTTPServer.withRunning(handler: Self.dropSecond(drop)) { server in
            let (logger, logs) = CapturingLogHandler.logger()
            let client = ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL, logger: logger)
            _ = try await client.execute(Self.describe())
            await #expect { try await client.execute(Self.createMountTarget()) } throws: {
                ($0 as? HTTPTransportError)?.kind == .connectionReset
            }
            #expect(server.requests.map(\.method) == ["GET", "POST"])
            // The one attempt that reached the wire is logged, with its transport error.
            let attempts = logs.all.filter { $0.contains("aws.operation=CreateMountTarget") && $0.contains("attempt=") }
            #expect(attempts.count == 1)
            #expect(attempts.first?.contains("attempt=1") == true && attempts.first?.contains("transport_error=connectionReset") == true)
            for line in logs.all {
                #expect(!line.contains(ClientFixture.credentials.secretAccessKey))
                #expect(!line.contains(ClientFixture.credentials.sessionToken!))
                #expect(!line.contains("Signature="))
            }
        }
    }

    @Test func aReadWhoseConnectionDiesIsStillRetried() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.dropSecond(.reset)) { server in
            let client = ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL)
            _ = try await client.execute(Self.describe())
            let response = try await client.execute(Self.describe())
            #expect(response.status == 200)
            #expect(server.requests.count == 3)
        }
    }

    @Test func everyMutatingAttemptIsLoggedWithItsStatus() async throws {
        let throttled = LocalHTTPServer.Action.respond(status: 400, text: #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
        let script = ScriptState([throttled])
        try await LocalHTTPServer.withRunning(handler: { _ in script.next() ?? .respond(text: "{}") }) { server in
            let (logger, logs) = CapturingLogHandler.logger()
            let client = ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL, random: 0.001, logger: logger)
            _ = try await client.execute(Self.createMountTarget())
            let attempts = logs.all.filter { $0.contains("aws.operation=CreateMountTarget") && $0.contains("attempt=") }
            #expect(attempts.count == 2)
            #expect(attempts.first?.contains("attempt=1") == true && attempts.first?.contains("status=400") == true)
            #expect(attempts.last?.hasPrefix("info") == true && attempts.last?.contains("attempt=2") == true && attempts.last?.contains("status=200") == true)
            #expect(server.requests.count == 2)
            #expect(server.requests[0].connectionId != server.requests[1].connectionId)
        }
    }
}
