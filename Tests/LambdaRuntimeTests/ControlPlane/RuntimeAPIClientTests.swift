import AWSCore
import LambdaRuntime
import Testing
import TestSupport

@Suite struct RuntimeAPIClientTests {
    @Test(arguments: ["", "http://127.0.0.1:9001", "127.0.0.1:9001/path", "host name:1"])
    func rejectsAnEndpointThatIsNotHostAndPort(endpoint: String) {
        let error = #expect(throws: RuntimeAPIError.self) {
            try RuntimeAPIClient(endpoint: endpoint, transport: CurlTransport(environment: [:]))
        }
        #expect(error?.code == .invalidEndpoint)
        #expect(error?.description.contains("AWS_LAMBDA_RUNTIME_API") == true)
    }

    @Test func outsideLambdaTheVariableIsMissing() {
        let error = #expect(throws: RuntimeAPIError.self) {
            try RuntimeAPIClient(environment: [:], transport: CurlTransport(environment: [:]))
        }
        #expect(error?.description == "AWS_LAMBDA_RUNTIME_API is not set: not running inside Lambda")
    }

    /// A request id is put in the URL path; one that is not a plain token cannot escape it.
    @Test func aRequestIdIsPercentEncodedInThePath() async throws {
        let api = try LocalRuntimeAPI([])
        let client = try api.client()
        try? await client.reportResponse(requestId: "../init/error?x", body: Array("{}".utf8))
        #expect(api.server.requests.map(\.target) == ["/2018-06-01/runtime/invocation/..%2Finit%2Ferror%3Fx/response"])
    }
}
