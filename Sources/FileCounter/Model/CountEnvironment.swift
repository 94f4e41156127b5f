/// `COUNT_CONCURRENCY` and `COUNT_RECURSIVE` (DESIGN.md §6), parsed once so the CLI, the worker
/// and the Lambda agree on their meaning and on what a bad value says.
public struct CountEnvironment: Sendable, Equatable {
    public static let concurrencyVariable = "COUNT_CONCURRENCY"
    public static let recursiveVariable = "COUNT_RECURSIVE"

    public var concurrency: Int
    public var recursive: Bool

    /// Unset variables take the defaults; an empty value counts as unset.
    public init(_ environment: [String: String]) throws(CountError) {
        concurrency = CountOptions.defaultConcurrency
        recursive = true
        if let raw = environment[Self.concurrencyVariable], !raw.isEmpty {
            concurrency = try Self.parseConcurrency(raw, name: Self.concurrencyVariable)
        }
        if let raw = environment[Self.recursiveVariable], !raw.isEmpty {
            switch raw.lowercased() {
            case "true", "1", "yes": recursive = true
            case "false", "0", "no": recursive = false
            default:
                throw CountError(kind: .invalidOptions, path: Self.recursiveVariable,
                                 reason: "'\(raw)' is not true or false")
            }
        }
    }

    /// Validates a concurrency given as text (an environment variable or a flag called `name`).
    public static func parseConcurrency(_ raw: String, name: String) throws(CountError) -> Int {
        guard let value = Int(raw), (1...CountOptions.maximumConcurrency).contains(value) else {
            throw CountError(kind: .invalidOptions, path: name,
                             reason: "'\(raw)' is not a whole number between 1 and \(CountOptions.maximumConcurrency)")
        }
        return value
    }
}

