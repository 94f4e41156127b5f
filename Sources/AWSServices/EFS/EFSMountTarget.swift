/// The fields of an EFS mount target description the autoscaler reads.
///
/// `availabilityZoneName` is what the SSM document publishes; `availabilityZoneId` is stable
/// across accounts (zone names are shuffled per account, ids are not).
public struct EFSMountTarget: Decodable, Sendable, Equatable {
    public var mountTargetId: String
    public var fileSystemId: String
    public var subnetId: String
    public var lifeCycleState: EFSLifeCycleState
    public var ipAddress: String?
    /// Set for dual-stack and IPv6-only mount targets; an IPv6-only one has no `ipAddress`.
    public var ipv6Address: String?
    public var availabilityZoneName: String?
    public var availabilityZoneId: String?
    public var networkInterfaceId: String?
    public var vpcId: String?

    public init(mountTargetId: String, fileSystemId: String, subnetId: String, lifeCycleState: EFSLifeCycleState,
                ipAddress: String? = nil, availabilityZoneName: String? = nil, availabilityZoneId: String? = nil,
                networkInterfaceId: String? = nil, vpcId: String? = nil, ipv6Address: String? = nil) {
        self.mountTargetId = mountTargetId
        self.fileSystemId = fileSystemId
        self.subnetId = subnetId
        self.lifeCycleState = lifeCycleState
        self.ipAddress = ipAddress
        self.ipv6Address = ipv6Address
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneId = availabilityZoneId
        self.networkInterfaceId = networkInterfaceId
        self.vpcId = vpcId
    }

    enum CodingKeys: String, CodingKey {
        case mountTargetId = "MountTargetId"
        case fileSystemId = "FileSystemId"
        case subnetId = "SubnetId"
        case lifeCycleState = "LifeCycleState"
        case ipAddress = "IpAddress"
        case ipv6Address = "Ipv6Address"
        case availabilityZoneName = "AvailabilityZoneName"
        case availabilityZoneId = "AvailabilityZoneId"
        case networkInterfaceId = "NetworkInterfaceId"
        case vpcId = "VpcId"
    }
}
