/// The life-cycle state of an EFS file system or mount target. A struct over the raw string
/// rather than an enum, so a state AWS adds later decodes instead of failing the whole call.
public struct EFSLifeCycleState: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let creating = EFSLifeCycleState(rawValue: "creating")
    public static let available = EFSLifeCycleState(rawValue: "available")
    public static let updating = EFSLifeCycleState(rawValue: "updating")
    public static let deleting = EFSLifeCycleState(rawValue: "deleting")
    public static let deleted = EFSLifeCycleState(rawValue: "deleted")
    public static let error = EFSLifeCycleState(rawValue: "error")
}
