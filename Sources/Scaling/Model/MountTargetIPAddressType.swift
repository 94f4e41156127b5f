/// `MOUNT_TARGET_IP_ADDRESS_TYPE`: which addresses a new mount target gets (EFS `IpAddressType`).
///
/// The type decides which subnets can take a mount target: `IPV4_ONLY` and `DUAL_STACK` need
/// a free IPv4 address, so neither fits an IPv6-only subnet, and `DUAL_STACK` also an IPv6
/// range; `IPV6_ONLY` needs an IPv6-only subnet (EFS refuses an IPv6-only interface in a
/// dual-stack subnet), whose IPv4 count is always 0 and must not be read as "full".
public enum MountTargetIPAddressType: String, Sendable, Hashable, CaseIterable {
    case ipv4Only = "IPV4_ONLY"
    case dualStack = "DUAL_STACK"
    case ipv6Only = "IPV6_ONLY"

    /// Whether a mount target of this type can be created in `subnet`, as far as EC2's
    /// description tells. An unknown IPv4 count counts as room (EFS has the last word).
    public func fits(_ subnet: Subnet) -> Bool {
        switch self {
        case .ipv4Only: !subnet.ipv6Native && subnet.availableIpAddressCount != 0
        case .dualStack: !subnet.ipv6Native && subnet.availableIpAddressCount != 0 && subnet.hasIPv6CidrBlock != false
        case .ipv6Only: subnet.ipv6Native
        }
    }
}
