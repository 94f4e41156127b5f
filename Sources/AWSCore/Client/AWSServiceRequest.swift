/// One unsigned call to an AWS operation, already encoded for its wire protocol.
///
/// The service clients build these; `AWSRequestExecutor` resolves the endpoint,
/// signs, sends, retries and turns error responses into `AWSError`.
public struct AWSServiceRequest: Sendable {
    public var service: AWSService
    /// The API operation name, e.g. "CreateMountTarget".
    public var operation: String
    public var method: String
    /// Path relative to the endpoint, percent-encoded (e.g. "/2015-02-01/mount-targets").
    public var path: String
    /// Query parameters, not yet encoded.
    public var query: [(String, String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether sending the request twice is harmless. Non-idempotent calls are still retried
    /// on throttling and 5xx (AWS did not act), and on transport errors only when the
    /// service offers a client token; the executor consults this for transport errors.
    public var idempotent: Bool

    public init(service: AWSService, operation: String, method: String = "POST", path: String = "/", query: [(String, String)] = [], headers: HTTPHeaders = [:], body: [UInt8] = [], idempotent: Bool) {
        self.service = service
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
    }

    /// The IAM action this call needs, e.g. "elasticfilesystem:CreateMountTarget".
    public var iamAction: String { "\(service.signingName):\(operation)" }
}

/// Signs, sends and retries `AWSServiceRequest`s. Returns only 2xx responses;
/// anything else is thrown as `AWSError` (an AWS error response) or
/// `HTTPTransportError` (no response after the retries).
public protocol AWSRequestExecutor: Sendable {
    func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse
}
