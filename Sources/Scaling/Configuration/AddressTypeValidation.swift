extension Configuration {
    /// `MOUNT_TARGET_IP_ADDRESS_TYPE` against the eligible subnets' kinds: `IPV6_ONLY` needs an
    /// IPv6-only subnet (EFS refuses an IPv6-only interface in a dual-stack one), `IPV4_ONLY` and
    /// `DUAL_STACK` need a subnet with an IPv4 range. When no eligible subnet is of the right kind
    /// the autoscaler could never create a mount target, which would otherwise surface only as a
    /// plan that holds. Free-address counts are not judged here: a full subnet is not a
    /// configuration error.
    public func validate(addressTypeOf subnets: [Subnet]) throws(ConfigurationError) {
        guard !subnets.isEmpty else { return }
        let ipv6Only = mountTargetIpAddressType == .ipv6Only
        guard !subnets.contains(where: { $0.ipv6Native == ipv6Only }) else { return }
        let kind = ipv6Only ? "IPv6-only subnets (EC2 Ipv6Native)" : "subnets with an IPv4 range (not IPv6-only)"
        let found = ipv6Only ? "none of them is IPv6-only" : "all of them are IPv6-only"
        throw ConfigurationError(problems: [.init(
            variable: "MOUNT_TARGET_IP_ADDRESS_TYPE", value: mountTargetIpAddressType.rawValue,
            allowed: "a type the eligible subnets can take: \(mountTargetIpAddressType.rawValue) needs \(kind), and \(found)"
                + (ipv6Only ? "; use IPV4_ONLY or DUAL_STACK" : "; use IPV6_ONLY"))])
    }
}
