/// Why a path could not be routed. A struct with a code, so new cases never break callers.
public struct RoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case noTargets
        case duplicateTarget
        case invalidList
    }

    public let code: Code
    public let description: String

    static func invalidList(source: String, detail: String) -> RoutingError {
        RoutingError(code: .invalidList, description: "invalid mount-target list in \(source): \(detail)")
    }
}
