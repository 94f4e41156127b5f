extension Configuration {
    /// The rules that need `DescribeFileSystems`: a One Zone file system (it has an
    /// `AvailabilityZoneName`) allows one mount target, in its own AZ. So `MIN_MOUNT_TARGETS`
    /// above 1 can never be met, and the eligible subnets must include one in that AZ. Called
    /// by the preflight before any write; the error has the same shape as `parse`'s.
    public func validate(fileSystem: FileSystem, subnets: [Subnet]) throws(ConfigurationError) {
        guard let zone = fileSystem.availabilityZoneName else { return }
        var problems: [ConfigurationError.Problem] = []
        let oneZone = "\(fileSystem.id) is a One Zone file system in \(zone), which allows one mount target"
        if minMountTargets > 1 {
            problems.append(.init(variable: "MIN_MOUNT_TARGETS", value: String(minMountTargets),
                                  allowed: "1 (\(oneZone))"))
        }
        if !subnets.isEmpty, !subnets.contains(where: { $0.availabilityZoneName == zone }) {
            problems.append(.init(variable: subnetIds == nil ? "VPC_ID" : "SUBNET_IDS",
                                  value: subnetIds?.joined(separator: ",") ?? vpcId,
                                  allowed: "a subnet in \(zone) (\(oneZone), in that AZ)"))
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}
