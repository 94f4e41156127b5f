import AWSCore

/// A 2xx response whose body is not what the operation promises (truncated JSON, a proxy's
/// HTML page, an XML document without the expected element).
///
/// It names the service and operation and says what was wrong; it never quotes the body,
/// which could be large, so an operator sees where to look without a wall of text.
///
/// As a `MalformedResponseError` thrown inside `AWSRequestExecutor.send(_:decode:)` it makes the
/// client resend an idempotent read (like a 5xx); a mutating call surfaces it.
public struct ServiceResponseError: MalformedResponseError, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var reason: String

    public init(service: String, operation: String, reason: String) {
        self.service = service
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "\(service) \(operation): unexpected response: \(reason)" }
}
