import Testing
import TestSupport
@testable import AWSCore

/// Issue 17: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` take their place in the standard
/// chain (environment → web identity → profile → container → IMDS, the Java v2 and Go v2 SDKs'
/// order) instead of being skipped for whatever comes later. STS is a local server here; the
/// provider's own tests run against moto's STS.
@Suite struct WebIdentityChainTests {
    typealias W = WebIdentityFixture

    @Test func webIdentityComesAfterTheEnvironmentAndBeforeProfileContainerAndIMDS() async throws {
        let fixture = try W()
        let files = try TempAWSFiles(credentials: "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n")
        try await LocalHTTPServer.withRunning(handler: { request in
            switch request.path {
            case "/": return .respond(headers: ["Content-Type": "text/xml"], text: W.response())
            case "/creds": return .respond(text: CredentialsServerFixture.body())
            default: return .respond(status: 404)
            }
        }) { server in
            let everything = files.environment(fixture.environment(sts: server.baseURL, [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds"),
                "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
            ]))
            let chain = CredentialsChain.standard(environment: everything, transport: CredentialsServerFixture.transport())
            let resolved = try await chain.resolve()
            #expect(resolved.source == "web-identity")
            #expect(resolved.credentials.accessKeyId == "ASIAWEBIDENTITY")
            #expect(resolved.credentials.sessionToken == W.sessionToken)
            #expect(server.requests.map(\.path) == ["/"])

            let withKeys = everything.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]) { $1 }
            #expect(try await CredentialsChain.standard(environment: withKeys, transport: CredentialsServerFixture.transport()).resolve().source == "environment")
        }
    }

    @Test func anUnreadableTokenFileStopsTheChainNamingTheVariable() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(text: CredentialsServerFixture.body()) }) { server in
            let env = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/eks/token", "AWS_ROLE_ARN": W.roleARN,
                       "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url("/creds"), "AWS_ENDPOINT_URL_STS": server.baseURL,
                       "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials"]
            await #expect {
                try await CredentialsChain.standard(environment: env, transport: CredentialsServerFixture.transport()).resolve()
            } throws: { error in
                "\(error)".contains("AWS_WEB_IDENTITY_TOKEN_FILE=/nonexistent/eks/token")
            }
            // Not silently answered by the container credentials (or the instance role) instead.
            #expect(server.requests.isEmpty)
        }
    }
}
