/// One unsigned call to an AWS operation, its body already encoded for its wire protocol.
///
/// The service clients build these; `AWSRequestExecutor` resolves the endpoint, adds the
/// protocol headers, signs, sends, retries and turns error responses into `AWSError`.
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
    /// Whether sending the request twice is harmless; each operation states it, and it
    /// defaults to `false` (mutating), the safe side.
    ///
    /// Reads (Describe*, Get*, List*) are idempotent: resent after any transient failure, a
    /// reset, a timeout or a malformed reply, and they may travel on a reused connection.
    /// A mutating call is resent only after throttling, a 5xx or a connect failure (AWS did
    /// not act), always travels on a fresh connection (so libcurl never re-sends it behind the
    /// retry policy's back), and a malformed 2xx reply is surfaced, never resent.
    public var idempotent: Bool

    public init(service: AWSService, operation: String, method: String = "POST", path: String = "/", query: [(String, String)] = [],
                headers: HTTPHeaders = [:], body: [UInt8] = [], idempotent: Bool = false) {
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

    /// Sends `request` and decodes its 2xx response with `decode`, inside the retry loop: when
    /// `decode` throws a `MalformedResponseError` (or a `DecodingError`) for an idempotent
    /// request, the reply counts as a transient failure and the request is resent like after a
    /// 5xx. For a mutating request the error is thrown at once. Any other error from `decode`
    /// (e.g. an `AWSError` built from a 200 body) is thrown as is.
    func send<Output>(_ request: AWSServiceRequest, decode: (HTTPResponse) throws -> Output) async throws -> Output
}

extension AWSRequestExecutor {
    /// Without a retry loop of its own (test doubles): one `execute`, then `decode`.
    public func send<Output>(_ request: AWSServiceRequest, decode: (HTTPResponse) throws -> Output) async throws -> Output {
        try decode(try await execute(request))
    }
}

/// A 2xx reply whose body is not what the operation promises (truncated JSON, a proxy's HTML
/// page, XML without the expected root). Thrown by decode closures; `AWSClient` retries an
/// idempotent request that got one, like a 5xx.
public protocol MalformedResponseError: Error {}
