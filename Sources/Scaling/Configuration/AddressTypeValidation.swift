extension Configuration {
    /// `MOUNT_TARGET_IP_ADDRESS_TYPE` against the eligible subnets' kinds: `IPV6_ONLY` needs an
    /// IPv6-only subnet (EFS refuses an IPv6-only interface in a dual-stack one), `IPV4_ONLY` a
    /// subnet with an IPv4 range, `DUAL_STACK` one with both an IPv4 and an IPv6 range. When no
    /// eligible subnet is of the right kind the autoscaler could never create a mount target,
    /// which would otherwise surface only as a plan that holds. Free-address counts are not
    /// judged here: a full subnet is not a configuration error.
    public func validate(addressTypeOf subnets: [Subnet]) throws(ConfigurationError) {
        guard !subnets.isEmpty else { return }
        let type = mountTargetIpAddressType
        let (needs, found, instead): (String, String, String)
        switch type {
        case .ipv6Only:
            if subnets.contains(where: \.ipv6Native) { return }
            (needs, found, instead) = ("IPv6-only subnets (EC2 Ipv6Native)", "none of them is IPv6-only", "IPV4_ONLY or DUAL_STACK")
        case .ipv4Only:
            if subnets.contains(where: { !$0.ipv6Native }) { return }
            (needs, found, instead) = ("subnets with an IPv4 range (not IPv6-only)", "all of them are IPv6-only", "IPV6_ONLY")
        case .dualStack:
            if subnets.contains(where: { !$0.ipv6Native && $0.hasIPv6CidrBlock != false }) { return }
            (needs, found, instead) = ("dual-stack subnets (an IPv4 and an IPv6 range)", "none of them is dual-stack",
                                       subnets.contains(where: \.ipv6Native) ? "IPV6_ONLY or IPV4_ONLY" : "IPV4_ONLY")
        }
        throw ConfigurationError(problems: [.init(
            variable: "MOUNT_TARGET_IP_ADDRESS_TYPE", value: type.rawValue,
            allowed: "a type the eligible subnets can take: \(type.rawValue) needs \(needs), and \(found); use \(instead)")])
    }
}
