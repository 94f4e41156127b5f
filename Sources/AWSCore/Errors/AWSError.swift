/// An error response from an AWS service, decoded from any of the three wire protocols.
///
/// It carries what an operator needs to act (service, operation, status, code, message,
/// request id) and never a header, a signature or a credential.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var httpStatus: Int
    /// The AWS error code without namespace, e.g. "MountTargetConflict", "ThrottlingException".
    public var code: String
    public var message: String
    public var requestId: String?

    public init(service: String, operation: String, httpStatus: Int, code: String, message: String, requestId: String? = nil) {
        self.service = service
        self.operation = operation
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    public var description: String {
        var s = "\(service) \(operation) failed: \(code) (HTTP \(httpStatus)): \(message)"
        if let requestId { s += " [request id \(requestId)]" }
        return s
    }

    /// Every spelling AWS uses for "you may not do this" or "your signature is wrong".
    public static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
        "SignatureDoesNotMatch", "InvalidClientTokenId", "AuthFailure",
        "UnrecognizedClientException", "InvalidSignatureException", "MissingAuthenticationToken",
        "IncompleteSignature",
    ]

    /// Codes the SDKs' standard retry mode treats as throttling.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Codes the SDKs treat as transient.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
        "ServiceUnavailable", "ServiceUnavailableException",
    ]

    public var isAccessDenied: Bool { Self.accessDeniedCodes.contains(code) }
    public var isThrottling: Bool { Self.throttlingCodes.contains(code) || httpStatus == 429 }
}
