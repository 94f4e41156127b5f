import Logging

/// What a handler knows about the invocation it serves.
public struct LambdaContext: Sendable {
    public let requestId: String
    /// When Lambda kills the invocation; pass it down so long steps stop in time.
    public let deadline: InvocationDeadline
    public let invokedFunctionARN: String
    public let traceId: String?
    public let clientContext: String?
    public let cognitoIdentity: String?
    /// Carries the request id as metadata.
    public let logger: Logger

    public init(invocation: Invocation, logger: Logger) {
        requestId = invocation.requestId
        deadline = invocation.deadline
        invokedFunctionARN = invocation.invokedFunctionARN
        traceId = invocation.traceId
        clientContext = invocation.clientContext
        cognitoIdentity = invocation.cognitoIdentity
        var logger = logger
        logger[metadataKey: "aws_request_id"] = .string(invocation.requestId)
        self.logger = logger
    }
}
