/// Everything one run knows about the world, gathered before deciding anything.
///
/// It holds no clock reading: the planner receives `now` separately so that the same
/// observation can be planned at different instants in tests.
public struct Observation: Sendable, Hashable {
    public var count: CountObservation
    /// Every mount target of the file system (all pages), in any lifecycle state.
    public var mountTargets: [MountTarget]
    /// Subnets a new mount target may be created in (from `SUBNET_IDS` or `VPC_ID`).
    public var eligibleSubnets: [Subnet]
    /// Other subnets the planner must place in an AZ (the service's subnets that are not eligible).
    public var otherSubnets: [Subnet]
    /// `nil` when no ECS service is configured.
    public var service: ServiceState?
    public var state: StateDocument
    /// `nil` when the list parameter does not exist yet.
    public var published: MountTargetList?
    /// `nil` when not described (then it is treated as a regional file system).
    public var fileSystem: FileSystem?
    /// The security groups in effect on each `available` mount target, by mount target id.
    /// A mount target missing here was not read (it vanished or was not ready): no drift is
    /// decided for it.
    public var mountTargetSecurityGroups: [String: [String]]

    public init(count: CountObservation, mountTargets: [MountTarget], eligibleSubnets: [Subnet],
                otherSubnets: [Subnet] = [], service: ServiceState?, state: StateDocument,
                published: MountTargetList?, fileSystem: FileSystem? = nil,
                mountTargetSecurityGroups: [String: [String]] = [:]) {
        self.count = count
        self.mountTargets = mountTargets
        self.eligibleSubnets = eligibleSubnets
        self.otherSubnets = otherSubnets
        self.service = service
        self.state = state
        self.published = published
        self.fileSystem = fileSystem
        self.mountTargetSecurityGroups = mountTargetSecurityGroups
    }
}
