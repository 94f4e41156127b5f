/// A fully formed HTTP request: what the signer signs and the transport sends.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, already percent-encoded (scheme, host, optional port, path, query).
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Per-request overrides; `nil` means the transport's defaults.
    public var timeouts: HTTPTimeouts?
    /// Send on a new connection and close it afterwards, never on a cached keep-alive one.
    ///
    /// libcurl silently re-sends a request whose *reused* connection dies before any response
    /// byte arrives (`Curl_retry_request`: no bytes received and `conn->bits.reuse`), and no
    /// libcurl before 8.16 (`CURLOPT_FORBID_RETRY_ON_REUSE`) can turn that off. A server that
    /// acted and then reset would so see a mutating call twice for one attempt. On a fresh
    /// connection libcurl never re-sends: only the caller's retry policy decides. `AWSClient`
    /// sets this for every request that is not idempotent.
    public var freshConnection: Bool

    public init(method: String, url: String, headers: HTTPHeaders = [:], body: [UInt8] = [], timeouts: HTTPTimeouts? = nil,
                freshConnection: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.freshConnection = freshConnection
    }
}

/// Connect and whole-transfer limits, in seconds.
public struct HTTPTimeouts: Sendable, Equatable {
    public var connect: Double
    public var total: Double
    public init(connect: Double = 3, total: Double = 30) {
        self.connect = connect
        self.total = total
    }
}
