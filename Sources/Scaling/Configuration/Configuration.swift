import Logging

/// The whole environment contract (DESIGN.md §6), parsed and validated before any AWS call.
///
/// `parse` collects every problem (type, range, syntax of ids and names, cross-field rules) into
/// one `ConfigurationError`. The one rule it cannot check alone, that the subnets exist and belong
/// to the VPC, is `validate(subnets:)`, which the observer calls with what EC2 described.
public struct Configuration: Sendable, Hashable {
    /// Default of `COUNT_CONCURRENCY`: directories read in flight by the counter. On NFS the walk
    /// is bound by round trips, so far more readers than cores pay off (see DESIGN.md §8).
    public static let defaultCountConcurrency = CountSettings.defaultConcurrency
    public static let defaultFileCountThreshold = 100_000
    public static let defaultScaleOutCooldownSeconds = 300
    public static let defaultScaleInStabilizationSeconds = 900
    /// How long a drain may wait for every user of its AZ to leave before the run fails loudly
    /// (the mount target stays). Matches the stabilization window: long enough for a typical ECS
    /// rolling deployment.
    public static let defaultDrainTimeoutSeconds = 900
    /// How long a drained mount target stays after it left the published list, at least: the
    /// interval at which consumers re-read the list. Hosts that mount by IP (`route`) are outside
    /// ECS; this is all the warning they get.
    public static let defaultDrainMinSeconds = 300
    public static let defaultCountCacheTTLSeconds = 300
    /// `SCALE_OUT_TIMEOUT_SECONDS`: the Terraform AWS provider's create timeout for a mount target.
    public static let defaultScaleOutTimeoutSeconds = 1800
    /// `MOUNT_TARGET_SETTLE_SECONDS`: AWS advises up to 90 s for a new mount target's DNS name to
    /// resolve in its AZ.
    public static let defaultMountTargetSettleSeconds = 90
    /// Longest accepted settle time: an hour is already far past AWS's advice.
    public static let maximumSettleSeconds = 3600
    /// Shortest accepted scale-out timeout: EFS takes a minute or more to create a mount target.
    public static let minimumScaleOutTimeoutSeconds = 60
    /// Longest accepted duration: a week. Larger values are almost always a unit mistake (ms).
    public static let maximumDurationSeconds = 7 * 24 * 3600

    public enum LogFormat: String, Sendable, Hashable { case json, text }

    public var targetDirectory: String
    public var fileCountThreshold: Int
    public var fileSystemId: String
    public var vpcId: String?
    /// `nil`: every subnet of `vpcId` is eligible.
    public var subnetIds: [String]?
    public var ssmParameterName: String
    public var stateParameterName: String
    /// The DynamoDB table holding the lock and the state (one item per file system). Required by
    /// every run that changes anything; `plan` and `count` work without it.
    public var lockTableName: String?
    /// Cluster and service come together or not at all; without them nothing is redeployed.
    public var ecsClusterName: String?
    public var ecsServiceName: String?
    public var securityGroupIds: [String]
    /// `MOUNT_TARGET_IP_ADDRESS_TYPE` (default `IPV4_ONLY`): the `IpAddressType` of new mount targets.
    public var mountTargetIpAddressType: MountTargetIPAddressType = .ipv4Only
    public var minMountTargets: Int
    /// `nil`: all eligible AZs.
    public var maxMountTargets: Int?
    /// `nil`: never scale in (threshold mode).
    public var scaleInThreshold: Int?
    /// Set: proportional mode.
    public var filesPerMountTarget: Int?
    /// `SCALE_OUT_COOLDOWN_SECONDS`: how long after the last completed action a scale-out may start.
    public var scaleOutCooldownSeconds: Int
    /// `SCALE_IN_COOLDOWN_SECONDS`; unset, `SCALE_OUT_COOLDOWN_SECONDS` gates scale-in too (as
    /// before the two were separate).
    public var scaleInCooldownSeconds: Int = defaultScaleOutCooldownSeconds
    /// `SCALE_OUT_TIMEOUT_SECONDS` (default 1800).
    public var scaleOutTimeoutSeconds: Int = defaultScaleOutTimeoutSeconds
    /// `MOUNT_TARGET_SETTLE_SECONDS` (default 90, 0 allowed).
    public var mountTargetSettleSeconds: Int = defaultMountTargetSettleSeconds
    /// `SERVICE_SUBNET_IDS`: the service's candidate subnets; `nil`: the mount-target subnets.
    public var serviceSubnetIds: [String]?
    public var scaleInStabilizationSeconds: Int
    public var drainTimeoutSeconds: Int
    public var drainMinSeconds: Int
    /// AZs whose mount targets are never deleted (the Terraform module's own, say), sorted.
    public var protectedAZs: [String]
    public var countCacheTTLSeconds: Int
    public var countConcurrency: Int
    public var countRecursive: Bool
    public var manageServiceSubnets: Bool
    public var dryRun: Bool
    public var logLevel: Logger.Level
    /// `nil`: the runtime decides (JSON in Lambda and ECS, text on a terminal).
    public var logFormat: LogFormat?
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`; `nil` lets the AWS core resolve it (profile, IMDS).
    public var region: String?

    public var serviceConfigured: Bool { ecsClusterName != nil && ecsServiceName != nil }

    /// The scaling policy these settings describe.
    public var policy: Policy {
        var policy = Policy(fileCountThreshold: fileCountThreshold, scaleInThreshold: scaleInThreshold,
               filesPerMountTarget: filesPerMountTarget, minMountTargets: minMountTargets,
               maxMountTargets: maxMountTargets, scaleOutCooldownSeconds: scaleOutCooldownSeconds,
               scaleInStabilizationSeconds: scaleInStabilizationSeconds, drainTimeoutSeconds: drainTimeoutSeconds,
               drainMinSeconds: drainMinSeconds, protectedAZs: Set(protectedAZs),
               manageServiceSubnets: manageServiceSubnets)
        policy.scaleInCooldownSeconds = scaleInCooldownSeconds
        policy.scaleOutTimeoutSeconds = scaleOutTimeoutSeconds
        policy.mountTargetSettleSeconds = mountTargetSettleSeconds
        policy.serviceSubnetIds = serviceSubnetIds
        policy.securityGroupIds = securityGroupIds
        policy.ipAddressType = mountTargetIpAddressType
        return policy
    }

    /// The default state parameter for a list parameter. SSM requires a name containing `/` to
    /// start with `/`, so a flat list name `x` gets `/x/state`.
    public static func defaultStateParameterName(for listName: String) -> String {
        listName.hasPrefix("/") ? listName + "/state" : "/" + listName + "/state"
    }

    static let endpointVariables = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EFS", "AWS_ENDPOINT_URL_EC2",
                                    "AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_DYNAMODB"]

    public static func parse(_ environment: [String: String]) throws(ConfigurationError) -> Configuration {
        var env = EnvironmentReader(environment)
        let seconds = 0...maximumDurationSeconds

        let targetDirectory = env.required("TARGET_DIRECTORY", allowed: "an absolute directory path") { $0.hasPrefix("/") }
        let threshold = env.integer("FILE_COUNT_THRESHOLD", in: 0...Int.max / 16) ?? (env.raw("FILE_COUNT_THRESHOLD") == nil ? defaultFileCountThreshold : nil)
        let fileSystemId = env.required("EFS_FILE_SYSTEM_ID", allowed: "an EFS file system id like fs-0123456789abcdef0",
                                        valid: ResourceIdentifier.isFileSystemId)
        let vpcId = env.optional("VPC_ID", allowed: "a VPC id like vpc-0123456789abcdef0", valid: ResourceIdentifier.isVpcId)
        let subnetIds = env.list("SUBNET_IDS", itemAllowed: "subnet ids like subnet-0123456789abcdef0",
                                 valid: ResourceIdentifier.isSubnetId)
        let ssmName = env.required("SSM_PARAMETER_NAME", allowed: ResourceIdentifier.parameterNameRule,
                                   valid: ResourceIdentifier.isParameterName)
        let stateName = env.optional("STATE_PARAMETER_NAME", allowed: ResourceIdentifier.parameterNameRule,
                                     valid: ResourceIdentifier.isParameterName)
        let lockTable = env.optional("LOCK_TABLE_NAME", allowed: ResourceIdentifier.tableNameRule,
                                     valid: ResourceIdentifier.isTableName)
        let cluster = env.optional("ECS_CLUSTER_NAME", allowed: "an ECS cluster name or ARN", valid: ResourceIdentifier.isECSName)
        let service = env.optional("ECS_SERVICE_NAME", allowed: "an ECS service name or ARN", valid: ResourceIdentifier.isECSName)
        let groups = env.list("SECURITY_GROUP_ID", itemAllowed: "security group ids like sg-0123456789abcdef0",
                              valid: ResourceIdentifier.isSecurityGroupId)
        if env.raw("SECURITY_GROUP_ID") == nil {
            env.report("SECURITY_GROUP_ID", nil, allowed: "a comma-separated list of security group ids for new mount targets")
        }
        let ipAddressType = env.optional("MOUNT_TARGET_IP_ADDRESS_TYPE", allowed: "one of IPV4_ONLY, DUAL_STACK, IPV6_ONLY") {
            MountTargetIPAddressType(rawValue: $0.uppercased()) != nil
        }.flatMap { MountTargetIPAddressType(rawValue: $0.uppercased()) }
        let minimum = env.integer("MIN_MOUNT_TARGETS", in: 1...1000)
        let maximum = env.integer("MAX_MOUNT_TARGETS", in: 1...1000)
        let scaleIn = env.integer("SCALE_IN_THRESHOLD", in: 0...Int.max / 16)
        let perTarget = env.integer("FILES_PER_MOUNT_TARGET", in: 1...Int.max / 16)
        let cooldown = env.integer("SCALE_OUT_COOLDOWN_SECONDS", in: seconds)
        let scaleInCooldown = env.integer("SCALE_IN_COOLDOWN_SECONDS", in: seconds)
        let scaleOutTimeout = env.integer("SCALE_OUT_TIMEOUT_SECONDS", in: minimumScaleOutTimeoutSeconds...maximumDurationSeconds)
        let settle = env.integer("MOUNT_TARGET_SETTLE_SECONDS", in: 0...maximumSettleSeconds)
        let serviceSubnets = env.list("SERVICE_SUBNET_IDS", itemAllowed: "subnet ids like subnet-0123456789abcdef0",
                                      valid: ResourceIdentifier.isSubnetId)
        let stabilization = env.integer("SCALE_IN_STABILIZATION_SECONDS", in: seconds)
        let drain = env.integer("DRAIN_TIMEOUT_SECONDS", in: seconds)
        let drainMin = env.integer("DRAIN_MIN_SECONDS", in: seconds)
        let protectedAZs = env.list("PROTECTED_AZS", itemAllowed: "Availability Zone names like ap-northeast-1a",
                                    valid: ResourceIdentifier.isAvailabilityZoneName)
        let ttl = env.integer("COUNT_CACHE_TTL_SECONDS", in: seconds)
        let (concurrency, recursive) = CountSettings.read(&env)
        let manage = env.boolean("MANAGE_SERVICE_SUBNETS")
        let dryRun = env.boolean("DRY_RUN")
        let (logLevel, logFormat) = LoggingSettings.read(&env)
        let region = env.optional("AWS_REGION", allowed: "an AWS region like ap-northeast-1", valid: ResourceIdentifier.isRegion)
            ?? env.optional("AWS_DEFAULT_REGION", allowed: "an AWS region like ap-northeast-1", valid: ResourceIdentifier.isRegion)
        // Checked here so that one run reports every problem; `AWSClient.fromEnvironment` reads them.
        for variable in endpointVariables {
            _ = env.optional(variable, allowed: "an http:// or https:// URL", valid: ResourceIdentifier.isHTTPURL)
        }

        // Cross-field rules, only between values that parsed (a bad value is reported once).
        if vpcId == nil, subnetIds == nil, env.raw("VPC_ID") == nil, env.raw("SUBNET_IDS") == nil {
            env.report("VPC_ID", nil, allowed: "a VPC id, or SUBNET_IDS listing the eligible subnets (one of them is required)")
        }
        if let minimum, let maximum, minimum > maximum {
            env.report("MIN_MOUNT_TARGETS", String(minimum), allowed: "a value not above MAX_MOUNT_TARGETS (\(maximum))")
        }
        if let scaleIn, let threshold, scaleIn >= threshold {
            env.report("SCALE_IN_THRESHOLD", String(scaleIn), allowed: "a value below FILE_COUNT_THRESHOLD (\(threshold))")
        }
        if (env.raw("ECS_CLUSTER_NAME") == nil) != (env.raw("ECS_SERVICE_NAME") == nil) {
            let clusterMissing = env.raw("ECS_CLUSTER_NAME") == nil
            let missing = clusterMissing ? "ECS_CLUSTER_NAME" : "ECS_SERVICE_NAME"
            let other = clusterMissing ? "ECS_SERVICE_NAME" : "ECS_CLUSTER_NAME"
            env.report(missing, nil, allowed: "set together with \(other)")
        }
        if manage == true, env.raw("ECS_CLUSTER_NAME") == nil || env.raw("ECS_SERVICE_NAME") == nil {
            env.report("MANAGE_SERVICE_SUBNETS", "true", allowed: "false unless ECS_CLUSTER_NAME and ECS_SERVICE_NAME are set")
        }
        if let drainMin, let drainTimeout = drain ?? (env.raw("DRAIN_TIMEOUT_SECONDS") == nil ? defaultDrainTimeoutSeconds : nil),
           drainMin > drainTimeout {
            env.report("DRAIN_MIN_SECONDS", String(drainMin),
                       allowed: "a value not above DRAIN_TIMEOUT_SECONDS (\(drainTimeout)): a drain must be able to end before it times out")
        }
        if serviceSubnets != nil, manage != true {
            env.report("SERVICE_SUBNET_IDS", env.raw("SERVICE_SUBNET_IDS"),
                       allowed: "unset unless MANAGE_SERVICE_SUBNETS=true (only then are the service's subnets chosen)")
        }
        if let ssmName, let stateName, ssmName == stateName {
            env.report("STATE_PARAMETER_NAME", stateName, allowed: "a parameter other than SSM_PARAMETER_NAME")
        }

        guard env.problems.isEmpty, let targetDirectory, let threshold, let fileSystemId, let ssmName, let groups else {
            throw ConfigurationError(problems: env.problems)
        }
        var configuration = Configuration(
            targetDirectory: targetDirectory, fileCountThreshold: threshold, fileSystemId: fileSystemId, vpcId: vpcId,
            subnetIds: subnetIds, ssmParameterName: ssmName,
            stateParameterName: stateName ?? defaultStateParameterName(for: ssmName), lockTableName: lockTable,
            ecsClusterName: cluster, ecsServiceName: service, securityGroupIds: groups,
            minMountTargets: minimum ?? 1, maxMountTargets: maximum, scaleInThreshold: scaleIn,
            filesPerMountTarget: perTarget,
            scaleOutCooldownSeconds: cooldown ?? defaultScaleOutCooldownSeconds,
            scaleInStabilizationSeconds: stabilization ?? defaultScaleInStabilizationSeconds,
            drainTimeoutSeconds: drain ?? defaultDrainTimeoutSeconds,
            drainMinSeconds: drainMin ?? defaultDrainMinSeconds, protectedAZs: (protectedAZs ?? []).sorted(),
            countCacheTTLSeconds: ttl ?? defaultCountCacheTTLSeconds,
            countConcurrency: concurrency ?? defaultCountConcurrency, countRecursive: recursive ?? true,
            manageServiceSubnets: manage ?? false, dryRun: dryRun ?? false, logLevel: logLevel ?? LoggingSettings.defaultLevel,
            logFormat: logFormat, region: region)
        // The old name keeps gating both directions when the new one is unset.
        configuration.scaleInCooldownSeconds = scaleInCooldown ?? configuration.scaleOutCooldownSeconds
        configuration.scaleOutTimeoutSeconds = scaleOutTimeout ?? defaultScaleOutTimeoutSeconds
        configuration.mountTargetSettleSeconds = settle ?? defaultMountTargetSettleSeconds
        configuration.serviceSubnetIds = serviceSubnets
        configuration.mountTargetIpAddressType = ipAddressType ?? .ipv4Only
        return configuration
    }
}
