/// Everything wrong with the environment, found in one pass, so that one deploy fixes all of it.
///
/// Each problem names the variable, the value it had (`nil` when unset) and what is allowed.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var variable: String
        public var value: String?
        /// What is allowed, e.g. "an integer from 1 to 1000".
        public var allowed: String

        public init(variable: String, value: String?, allowed: String) {
            self.variable = variable
            self.value = value
            self.allowed = allowed
        }

        public var description: String {
            if let value {
                return "\(variable)=\(DocumentCoding.quote(value)) is invalid: expected \(allowed)"
            }
            return "\(variable) is not set: expected \(allowed)"
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// The variables named by the problems, in order, for tests and summaries.
    public var variables: [String] { problems.map(\.variable) }

    public var description: String {
        "invalid configuration (\(problems.count) problem\(problems.count == 1 ? "" : "s")): "
            + problems.map(\.description).joined(separator: "; ")
    }
}
