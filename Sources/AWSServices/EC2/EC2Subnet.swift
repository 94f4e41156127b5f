/// The fields of an EC2 subnet the autoscaler reads.
public struct EC2Subnet: Sendable, Equatable {
    public var subnetID: String
    public var vpcID: String
    public var availabilityZone: String
    public var availabilityZoneID: String?
    public var cidrBlock: String?
    public var availableIPAddressCount: Int?
    public var state: String?

    public init(subnetID: String, vpcID: String, availabilityZone: String, availabilityZoneID: String? = nil,
                cidrBlock: String? = nil, availableIPAddressCount: Int? = nil, state: String? = nil) {
        self.subnetID = subnetID
        self.vpcID = vpcID
        self.availabilityZone = availabilityZone
        self.availabilityZoneID = availabilityZoneID
        self.cidrBlock = cidrBlock
        self.availableIPAddressCount = availableIPAddressCount
        self.state = state
    }
}
