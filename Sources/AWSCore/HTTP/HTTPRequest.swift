/// A fully formed HTTP request: what the signer signs and the transport sends.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, already percent-encoded (scheme, host, optional port, path, query).
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Per-request overrides; `nil` means the transport's defaults.
    public var timeouts: HTTPTimeouts?

    public init(method: String, url: String, headers: HTTPHeaders = [:], body: [UInt8] = [], timeouts: HTTPTimeouts? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
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
