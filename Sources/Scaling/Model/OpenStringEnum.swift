/// An AWS string enumeration read without failing on values this build does not know: each
/// such value is kept verbatim (`.other(String)`) and coded back as the same string. EFS
/// `LifeCycleState` and ECS deployment `status` and `rolloutState` use it.
public protocol OpenStringEnum: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    init(rawValue: String)
    var rawValue: String { get }
}

extension OpenStringEnum {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
