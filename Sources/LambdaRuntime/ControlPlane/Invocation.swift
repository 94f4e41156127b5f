import AWSCore

/// One event handed out by `GET /runtime/invocation/next`.
public struct Invocation: Sendable, Equatable {
    public var requestId: String
    public var deadline: InvocationDeadline
    public var invokedFunctionARN: String
    /// Exported as `_X_AMZN_TRACE_ID` while the handler runs.
    public var traceId: String?
    /// Passed through untouched (base64 JSON for mobile SDK callers).
    public var clientContext: String?
    public var cognitoIdentity: String?
    public var event: [UInt8]

    public init(requestId: String, deadline: InvocationDeadline, invokedFunctionARN: String, traceId: String? = nil,
                clientContext: String? = nil, cognitoIdentity: String? = nil, event: [UInt8]) {
        self.requestId = requestId
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceId = traceId
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.event = event
    }

    /// Reads the invocation from a `next` response.
    ///
    /// - Throws: `RuntimeAPIError` (`.invalidInvocation`) naming the missing or malformed
    ///   header. Without a request id there is nothing to report an error to, so the loop stops.
    public init(nextResponse response: HTTPResponse) throws {
        func required(_ name: String) throws -> String {
            guard let value = response.headers[name], !value.isEmpty else {
                throw RuntimeAPIError(code: .invalidInvocation, description: "the next invocation has no \(name) header")
            }
            return value
        }
        let deadlineText = try required(RuntimeAPIHeaders.deadlineMilliseconds)
        guard let milliseconds = Int64(deadlineText) else {
            throw RuntimeAPIError(code: .invalidInvocation,
                                  description: "\(RuntimeAPIHeaders.deadlineMilliseconds) is not an integer: \(deadlineText)")
        }
        self.init(requestId: try required(RuntimeAPIHeaders.requestId),
                  deadline: InvocationDeadline(millisecondsSinceEpoch: milliseconds),
                  invokedFunctionARN: try required(RuntimeAPIHeaders.invokedFunctionARN),
                  traceId: response.headers[RuntimeAPIHeaders.traceId],
                  clientContext: response.headers[RuntimeAPIHeaders.clientContext],
                  cognitoIdentity: response.headers[RuntimeAPIHeaders.cognitoIdentity],
                  event: response.body)
    }
}
