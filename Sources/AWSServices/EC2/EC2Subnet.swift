/// The fields of an EC2 subnet the autoscaler reads.
public struct EC2Subnet: Sendable, Equatable {
    public var subnetId: String
    public var vpcId: String
    public var availabilityZone: String
    public var availabilityZoneId: String?
    public var cidrBlock: String?
    public var availableIPAddressCount: Int?
    public var state: String?
    /// An IPv6-only subnet: it has no IPv4 range, so its `availableIPAddressCount` of 0 says
    /// nothing about room for an IPv6-only mount target.
    public var ipv6Native: Bool
    /// Whether an IPv6 range is associated (`ipv6CidrBlockAssociationSet`, state `associated`):
    /// a dual-stack mount target needs one.
    public var hasIPv6CidrBlock: Bool

    public init(subnetId: String, vpcId: String, availabilityZone: String, availabilityZoneId: String? = nil,
                cidrBlock: String? = nil, availableIPAddressCount: Int? = nil, state: String? = nil,
                ipv6Native: Bool = false, hasIPv6CidrBlock: Bool = false) {
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.availabilityZone = availabilityZone
        self.availabilityZoneId = availabilityZoneId
        self.cidrBlock = cidrBlock
        self.availableIPAddressCount = availableIPAddressCount
        self.state = state
        self.ipv6Native = ipv6Native
        self.hasIPv6CidrBlock = hasIPv6CidrBlock
    }
}
