import Testing
import TestSupport
@testable import AWSCore

/// After a failing signed request, neither the thrown error nor any log line the client wrote
/// contains the secret key, the session token or the request's signature — even when the
/// server echoes them back in its error body.
@Suite struct ClientLogRedactionTests {
    @Test func failingSignedRequestLeaksNothing() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            // A hostile/buggy server that echoes the request's secrets into the error.
            let echoed = "Authorization: \(request.headers["Authorization"] ?? "")\nX-Amz-Security-Token: \(request.headers["X-Amz-Security-Token"] ?? "")"
            let body = #"{"__type":"com.amazon#IncompleteSignatureException","message":"\#(echoed.replacingAll("\n", with: " ")) secret=\#(ClientFixture.credentials.secretAccessKey)"}"#
            return .respond(status: 400, headers: ["x-amzn-RequestId": "Signature=deadbeefcafe"], text: body)
        }) { server in
            let (logger, store) = CapturingLogHandler.logger()
            let client = ClientFixture.client(CredentialsServerFixture.transport(), baseURL: server.baseURL, logger: logger,
                                              now: { WallClock.seconds() })
            var request = ClientFixture.ssmGet()
            request.query = [("X-Amz-Signature", "querysig0123456789"), ("X-Amz-Security-Token", "querytoken0123456789")]
            var thrown: (any Error)?
            do { _ = try await client.execute(request) } catch { thrown = error }
            let error = try #require(thrown as? AWSError)
            #expect(error.code == "IncompleteSignatureException")

            let sent = try #require(server.requests.first)
            let signature = try #require(sent.headers["Authorization"]?.split(separator: "=").last.map(String.init))
            #expect(signature.count == 64)
            let secrets = [ClientFixture.credentials.secretAccessKey, ClientFixture.credentials.sessionToken!, signature,
                           "querysig0123456789", "querytoken0123456789", "deadbeefcafe"]
            let rendered = [String(describing: error), String(reflecting: error), error.message] + store.all
            #expect(!store.all.isEmpty)
            #expect(store.all.contains { $0.contains("GetParameter") && $0.contains("attempt=1") && $0.contains("status=400") })
            for text in rendered {
                for secret in secrets { #expect(!text.contains(secret), "leaked into: \(text)") }
            }
        }
    }
}
