import LambdaRuntime
import Testing

/// The test Runtime API server shares these constants with the client, so a typo in one would
/// pass every other test. Pin them to the names AWS documents for the 2018-06-01 Runtime API.
@Suite struct RuntimeAPIHeadersTests {
    @Test func headerNamesAreTheDocumentedOnes() {
        #expect(RuntimeAPIHeaders.requestId == "Lambda-Runtime-Aws-Request-Id")
        #expect(RuntimeAPIHeaders.deadlineMilliseconds == "Lambda-Runtime-Deadline-Ms")
        #expect(RuntimeAPIHeaders.invokedFunctionARN == "Lambda-Runtime-Invoked-Function-Arn")
        #expect(RuntimeAPIHeaders.traceId == "Lambda-Runtime-Trace-Id")
        #expect(RuntimeAPIHeaders.clientContext == "Lambda-Runtime-Client-Context")
        #expect(RuntimeAPIHeaders.cognitoIdentity == "Lambda-Runtime-Cognito-Identity")
        #expect(RuntimeAPIHeaders.functionErrorType == "Lambda-Runtime-Function-Error-Type")
    }
}
