/// A failure talking to the Lambda Runtime API. The loop cannot continue after one: Lambda
/// restarts the execution environment when the runtime exits.
public struct RuntimeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `AWS_LAMBDA_RUNTIME_API` is missing or not `host:port`.
        case invalidEndpoint
        /// `next` answered without a usable request id, deadline or function ARN.
        case invalidInvocation
        /// The API answered with a status other than the one documented for the call.
        case unexpectedStatus
    }

    public let code: Code
    public let description: String

    public init(code: Code, description: String) {
        self.code = code
        self.description = description
    }
}
