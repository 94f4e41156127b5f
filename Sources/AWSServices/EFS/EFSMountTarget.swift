/// The fields of an EFS mount target description the autoscaler reads.
///
/// `availabilityZoneName` is what the SSM document publishes; `availabilityZoneID` is stable
/// across accounts (zone names are shuffled per account, ids are not).
public struct EFSMountTarget: Decodable, Sendable, Equatable {
    public var mountTargetID: String
    public var fileSystemID: String
    public var subnetID: String
    public var lifeCycleState: EFSLifeCycleState
    public var ipAddress: String?
    /// Set for dual-stack and IPv6-only mount targets; an IPv6-only one has no `ipAddress`.
    public var ipv6Address: String?
    public var availabilityZoneName: String?
    public var availabilityZoneID: String?
    public var networkInterfaceID: String?
    public var vpcID: String?

    public init(mountTargetID: String, fileSystemID: String, subnetID: String, lifeCycleState: EFSLifeCycleState,
                ipAddress: String? = nil, availabilityZoneName: String? = nil, availabilityZoneID: String? = nil,
                networkInterfaceID: String? = nil, vpcID: String? = nil, ipv6Address: String? = nil) {
        self.mountTargetID = mountTargetID
        self.fileSystemID = fileSystemID
        self.subnetID = subnetID
        self.lifeCycleState = lifeCycleState
        self.ipAddress = ipAddress
        self.ipv6Address = ipv6Address
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneID = availabilityZoneID
        self.networkInterfaceID = networkInterfaceID
        self.vpcID = vpcID
    }

    enum CodingKeys: String, CodingKey {
        case mountTargetID = "MountTargetId"
        case fileSystemID = "FileSystemId"
        case subnetID = "SubnetId"
        case lifeCycleState = "LifeCycleState"
        case ipAddress = "IpAddress"
        case ipv6Address = "Ipv6Address"
        case availabilityZoneName = "AvailabilityZoneName"
        case availabilityZoneID = "AvailabilityZoneId"
        case networkInterfaceID = "NetworkInterfaceId"
        case vpcID = "VpcId"
    }
}
