/// The scaling rules the planner applies (DESIGN.md §2), independent of where they came from.
public struct Policy: Sendable, Hashable {
    public var fileCountThreshold: Int
    public var scaleInThreshold: Int?
    public var filesPerMountTarget: Int?
    public var minMountTargets: Int
    public var maxMountTargets: Int?
    public var scaleOutCooldownSeconds: Int
    public var scaleInStabilizationSeconds: Int
    public var drainTimeoutSeconds: Int
    public var drainMinSeconds: Int
    /// Mount targets in these AZs are never deleted.
    public var protectedAZs: Set<String>
    public var manageServiceSubnets: Bool
    /// The groups every owned mount target should have (`SECURITY_GROUP_ID`); empty: not checked.
    public var securityGroupIds: [String] = []
    /// Which subnets can take a new mount target (`MOUNT_TARGET_IP_ADDRESS_TYPE`).
    public var ipAddressType: MountTargetIPAddressType = .ipv4Only

    public init(fileCountThreshold: Int = Configuration.defaultFileCountThreshold, scaleInThreshold: Int? = nil,
                filesPerMountTarget: Int? = nil, minMountTargets: Int = 1, maxMountTargets: Int? = nil,
                scaleOutCooldownSeconds: Int = Configuration.defaultScaleOutCooldownSeconds,
                scaleInStabilizationSeconds: Int = Configuration.defaultScaleInStabilizationSeconds,
                drainTimeoutSeconds: Int = Configuration.defaultDrainTimeoutSeconds,
                drainMinSeconds: Int = Configuration.defaultDrainMinSeconds, protectedAZs: Set<String> = [],
                manageServiceSubnets: Bool = false) {
        self.fileCountThreshold = fileCountThreshold
        self.scaleInThreshold = scaleInThreshold
        self.filesPerMountTarget = filesPerMountTarget
        self.minMountTargets = minMountTargets
        self.maxMountTargets = maxMountTargets
        self.scaleOutCooldownSeconds = scaleOutCooldownSeconds
        self.scaleInStabilizationSeconds = scaleInStabilizationSeconds
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.drainMinSeconds = drainMinSeconds
        self.protectedAZs = protectedAZs
        self.manageServiceSubnets = manageServiceSubnets
    }
}
