/// Why a count could not start. Problems below the root are not errors: they are reported in
/// `CountResult.unreadableDirectories`.
public struct CountError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notFound
        case notADirectory
        case unreadable
        case invalidOptions
    }

    public let kind: Kind
    /// The root path as given (or the bad option's name for `.invalidOptions`).
    public let path: String
    public let reason: String

    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch kind {
        case .notFound: "cannot count '\(path)': no such file or directory"
        case .notADirectory: "cannot count '\(path)': not a directory"
        case .unreadable: "cannot count '\(path)': \(reason)"
        case .invalidOptions: "invalid \(path): \(reason)"
        }
    }
}
