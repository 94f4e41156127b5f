/// An argument that cannot be sent to AWS (an empty id, an id with characters no AWS id
/// contains). Raised before any request is made, so nothing has changed.
public struct ServiceInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter name as AWS spells it, e.g. "MountTargetId".
    public var parameter: String
    public var value: String
    public var reason: String

    public init(parameter: String, value: String, reason: String) {
        self.parameter = parameter
        self.value = value
        self.reason = reason
    }

    public var description: String { "invalid \(parameter) \"\(value)\": \(reason)" }

    /// AWS resource ids and names we put in paths, queries and bodies: non-empty, printable
    /// ASCII without spaces. Catches an unset variable or a stray newline early.
    static func validateIdentifier(_ value: String, parameter: String) throws(ServiceInputError) {
        guard !value.isEmpty else { throw ServiceInputError(parameter: parameter, value: value, reason: "must not be empty") }
        guard value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ServiceInputError(parameter: parameter, value: value, reason: "must be printable ASCII without spaces")
        }
    }
}
