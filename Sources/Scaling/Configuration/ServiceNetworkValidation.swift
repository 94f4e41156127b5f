extension Configuration {
    /// `SERVICE_SUBNET_IDS` against what `DescribeSubnets` returned: every subnet exists, lies in
    /// the VPC of the mount-target subnets (`eligible`), and every AZ the autoscaler may create a
    /// mount target in has one: otherwise a scale-out there would make a mount target the
    /// service can never use. Called by preflight, before any write.
    public func validate(serviceSubnets: [Subnet], eligible: [Subnet]) throws(ConfigurationError) {
        guard let serviceSubnetIds else { return }
        let value = serviceSubnetIds.joined(separator: ",")
        var problems: [ConfigurationError.Problem] = []
        let described = Dictionary(serviceSubnets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = serviceSubnetIds.filter { described[$0] == nil }
        if !unknown.isEmpty {
            problems.append(.init(variable: "SERVICE_SUBNET_IDS", value: value,
                                  allowed: "existing subnets (not found: \(unknown.joined(separator: ", ")))"))
        }
        if let vpc = vpcId ?? eligible.first?.vpcId {
            let outside = serviceSubnetIds.compactMap { described[$0] }.filter { $0.vpcId != vpc }.map { "\($0.id) is in \($0.vpcId)" }
            if !outside.isEmpty {
                problems.append(.init(variable: "SERVICE_SUBNET_IDS", value: value,
                                      allowed: "subnets of \(vpc), the mount targets' VPC (\(outside.joined(separator: ", ")))"))
            }
        }
        let covered = Set(serviceSubnets.filter { serviceSubnetIds.contains($0.id) }.map(\.availabilityZoneName))
        let uncovered = Set(eligible.map(\.availabilityZoneName)).subtracting(covered).sorted()
        if unknown.isEmpty, !uncovered.isEmpty {
            problems.append(.init(variable: "SERVICE_SUBNET_IDS", value: value,
                                  allowed: "a subnet in every AZ a mount target may be created in (none in "
                                      + "\(uncovered.joined(separator: ", ")); add one there or leave that AZ out of SUBNET_IDS)"))
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }

    /// `MANAGE_SERVICE_SUBNETS=true` needs a service on the ECS deployment controller: with
    /// `CODE_DEPLOY` or `EXTERNAL`, `UpdateService` refuses network changes (they go through a
    /// CodeDeploy deployment or a new task set), so every scale-out would fail at its last step.
    public func validate(deploymentController: String?) throws(ConfigurationError) {
        guard manageServiceSubnets, let controller = deploymentController, controller != "ECS" else { return }
        throw ConfigurationError(problems: [.init(
            variable: "MANAGE_SERVICE_SUBNETS", value: "true",
            allowed: "false for service \(ecsServiceName ?? "?"), whose deployment controller is \(controller): "
                + "ECS refuses network configuration changes through UpdateService for CODE_DEPLOY and EXTERNAL services "
                + "(change them with a new deployment or task set), so the autoscaler cannot add subnets")])
    }
}
