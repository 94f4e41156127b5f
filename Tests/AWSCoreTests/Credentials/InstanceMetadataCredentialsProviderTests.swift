import Testing
import TestSupport
@testable import AWSCore

/// IMDSv2 against a real server playing the metadata service, which enforces the token.
@Suite struct InstanceMetadataCredentialsProviderTests {
    typealias F = CredentialsServerFixture

    static func imds(roles: String = "efs-autoscaler-role\n") -> LocalHTTPServer.Handler {
        { request in
            if request.method == "PUT" && request.path == "/latest/api/token" {
                return request.headers["X-aws-ec2-metadata-token-ttl-seconds"] == nil ? .respond(status: 400) : .respond(text: "imds-session-1")
            }
            guard request.headers["X-aws-ec2-metadata-token"] == "imds-session-1" else { return .respond(status: 401) }
            switch (request.method, request.path) {
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return roles.isEmpty ? .respond(status: 404) : .respond(text: roles)
            case ("GET", "/latest/meta-data/iam/security-credentials/efs-autoscaler-role"):
                return .respond(text: F.body(id: "ASIAIMDS", code: "Success"))
            default:
                return .respond(status: 404)
            }
        }
    }

    @Test func tokenThenRoleThenCredentials() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.imds()) { server in
            let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/"], transport: F.transport())
            let creds = try await provider.credentials()
            #expect(creds.accessKeyId == "ASIAIMDS" && creds.sessionToken == F.token)
            #expect(server.requests.map { "\($0.method) \($0.path)" } == [
                "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/efs-autoscaler-role",
            ])
            #expect(server.requests[0].headers["X-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        }
    }

    @Test func noRoleIsAFailureNamingTheProblem() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.imds(roles: "")) { server in
            let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL], transport: F.transport())
            await #expect { try await provider.credentials() } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("404") }
        }
    }

    @Test func disabledOrUnreachableIsNotConfigured() async throws {
        let transport = ScriptedTransport([])
        await #expect {
            try await InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_DISABLED": "TRUE"], transport: transport).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .notConfigured }
        #expect(transport.requests.isEmpty)

        let server = LocalHTTPServer()
        try server.start()
        let deadPort = server.baseURL
        server.stop()
        await #expect {
            try await InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": deadPort], transport: F.transport()).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .notConfigured && "\($0)".contains("not reachable") }
    }
}
