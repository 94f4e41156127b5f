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
    /// `SCALE_IN_COOLDOWN_SECONDS`: how long after the last completed action a scale-in may start.
    /// `nil`: `scaleOutCooldownSeconds` gates scale-in too (what `SCALE_OUT_COOLDOWN_SECONDS` did alone).
    public var scaleInCooldownSeconds: Int?
    /// `SCALE_OUT_TIMEOUT_SECONDS`: a pending create still `creating` this long after it started
    /// fails (and a scale-out's rollout still in progress this long after it was forced completes).
    public var scaleOutTimeoutSeconds = Configuration.defaultScaleOutTimeoutSeconds
    /// `MOUNT_TARGET_SETTLE_SECONDS`: between `available` and adding the AZ to the service.
    public var mountTargetSettleSeconds = Configuration.defaultMountTargetSettleSeconds
    /// `SERVICE_SUBNET_IDS`: the service's candidate subnets; `nil` gives it the mount-target subnets.
    public var serviceSubnetIds: [String]?
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
