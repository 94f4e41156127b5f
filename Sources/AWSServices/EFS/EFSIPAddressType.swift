/// EFS `IpAddressType` of `CreateMountTarget`: `IPV4_ONLY` (EFS's default), `DUAL_STACK` (a
/// dual-stack subnet) or `IPV6_ONLY` (an IPv6-only subnet; EFS refuses it in a dual-stack one).
/// A struct over the raw string, like `EFSLifeCycleState`, so a value AWS adds later is no error.
public struct EFSIPAddressType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let ipv4Only = EFSIPAddressType(rawValue: "IPV4_ONLY")
    public static let dualStack = EFSIPAddressType(rawValue: "DUAL_STACK")
    public static let ipv6Only = EFSIPAddressType(rawValue: "IPV6_ONLY")
}
