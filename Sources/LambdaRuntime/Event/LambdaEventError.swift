/// A rejected event. Reported to Lambda as `errorType` `InvalidEvent`, before any AWS call.
public struct LambdaEventError: Error, Sendable, Equatable, CustomStringConvertible, LambdaReportableError {
    /// The top-level field at fault; `nil` when the whole document is (not JSON, not an object).
    public let field: String?
    public let problem: String

    public init(field: String?, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var lambdaErrorType: String { "InvalidEvent" }

    public var description: String {
        field.map { "invalid event: field '\($0)' \(problem)" } ?? "invalid event: \(problem)"
    }
}
