/// A VPC subnet as `DescribeSubnets` reports it: the planner needs its AZ (one mount target per
/// AZ), its VPC (mount targets of one file system share a VPC) and how many free addresses it has
/// (a mount target needs one).
public struct Subnet: Sendable, Hashable, Codable {
    public var id: String
    public var availabilityZoneName: String
    public var availabilityZoneId: String?
    public var vpcId: String
    /// `nil` when unknown; a known `0` makes the subnet unusable for a new mount target.
    public var availableIpAddressCount: Int?
    /// An IPv6-only subnet (EC2 `Ipv6Native`): it has no IPv4 range, so `availableIpAddressCount`
    /// is 0 and says nothing about room for an IPv6-only mount target.
    public var ipv6Native: Bool
    /// Whether the subnet has an associated IPv6 range (a dual-stack mount target needs one);
    /// `nil` when unknown, which counts as yes.
    public var hasIPv6CidrBlock: Bool?

    public init(id: String, availabilityZoneName: String, availabilityZoneId: String? = nil,
                vpcId: String, availableIpAddressCount: Int? = nil, ipv6Native: Bool = false,
                hasIPv6CidrBlock: Bool? = nil) {
        self.id = id
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneId = availabilityZoneId
        self.vpcId = vpcId
        self.availableIpAddressCount = availableIpAddressCount
        self.ipv6Native = ipv6Native
        self.hasIPv6CidrBlock = hasIPv6CidrBlock
    }
}
