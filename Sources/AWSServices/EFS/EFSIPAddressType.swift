/// EFS `IpAddressType` of `CreateMountTarget`: `IPV4_ONLY` (EFS's default), `DUAL_STACK` (a
/// dual-stack subnet) or `IPV6_ONLY` (an IPv6-only subnet; EFS refuses it in a dual-stack one).
/// A struct over the raw string, so a value AWS adds later is no error; it encodes as the bare
/// string (the standard library's coding of a `RawRepresentable` over `String`).
public struct EFSIPAddressType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let ipv4Only = EFSIPAddressType(rawValue: "IPV4_ONLY")
    public static let dualStack = EFSIPAddressType(rawValue: "DUAL_STACK")
    public static let ipv6Only = EFSIPAddressType(rawValue: "IPV6_ONLY")
}
