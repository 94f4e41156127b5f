import AWSCore

extension LocalHTTPServer {
    /// One request exactly as the server received it, for assertions.
    ///
    /// `target` is the raw request-target: origin-form (`/path?query`) from a normal client,
    /// absolute-form (`http://host:port/path`) when the client believes it is talking to a proxy.
    public struct RecordedRequest: Sendable, Equatable {
        public var method: String
        public var target: String
        public var httpVersion: String
        public var headers: HTTPHeaders
        /// The body after removing any chunked framing.
        public var body: [UInt8]
        /// 1-based accept order of the connection that carried this request: requests that share
        /// a `connectionId` travelled over one reused connection.
        public var connectionId: Int

        public init(method: String, target: String, httpVersion: String, headers: HTTPHeaders, body: [UInt8], connectionId: Int) {
            self.method = method
            self.target = target
            self.httpVersion = httpVersion
            self.headers = headers
            self.body = body
            self.connectionId = connectionId
        }

        /// The target without its query (`/a/b` for `/a/b?x=1`; the whole target in absolute-form).
        public var path: String {
            guard let q = target.firstIndex(of: "?") else { return target }
            return String(target[..<q])
        }

        /// The raw query after `?`, or `nil` when there is none.
        public var query: String? {
            guard let q = target.firstIndex(of: "?") else { return nil }
            return String(target[target.index(after: q)...])
        }

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }
}
