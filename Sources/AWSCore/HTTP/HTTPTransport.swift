/// Sends one HTTP request. Implementations never block the Swift cooperative pool
/// and abort the transfer when the calling task is cancelled.
///
/// A transport error (connection refused, reset, timeout, TLS failure) is thrown as
/// `HTTPTransportError`; any HTTP status, including 4xx and 5xx, is a normal response.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Why a request got no HTTP response at all.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case connect          // could not connect (refused, unreachable, DNS)
        case timeout          // connect or total timeout
        case connectionReset  // the peer closed or reset mid-exchange
        case tls
        case cancelled
        case invalidRequest
        case other
    }
    public var kind: Kind
    /// Human-readable detail; never contains headers or bodies, so never a secret.
    public var detail: String
    public var url: String

    public init(kind: Kind, detail: String, url: String) {
        self.kind = kind
        self.detail = detail
        self.url = url
    }

    public var description: String { "HTTP transport error (\(kind.rawValue)) for \(url): \(detail)" }
}
