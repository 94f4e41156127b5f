extension Configuration {
    /// The cross-field rule for `SECURITY_GROUP_ID` that needs AWS data: every group exists and
    /// belongs to the VPC of the eligible subnets. Without it a wrong group surfaces only as a
    /// failed `CreateMountTarget`, hours after deployment, on the first scale-out, when capacity
    /// is needed. Called by the observer's preflight after `validate(subnets:)` has passed (so
    /// the subnets share one VPC), before any write.
    public func validate(securityGroups: [SecurityGroup], subnets: [Subnet]) throws(ConfigurationError) {
        let value = securityGroupIds.joined(separator: ",")
        let described = Dictionary(securityGroups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unknown = securityGroupIds.filter { described[$0] == nil }
        if !unknown.isEmpty {
            throw ConfigurationError(problems: [.init(variable: "SECURITY_GROUP_ID", value: value,
                                                      allowed: "existing security groups (not found: \(unknown.joined(separator: ", ")))")])
        }
        guard let vpc = vpcId ?? subnets.first?.vpcId else { return }
        let outside = securityGroupIds.compactMap { id -> String? in
            let groupVpc = described[id]?.vpcId
            return groupVpc == vpc ? nil : "\(id) is in \(groupVpc ?? "no VPC")"
        }
        if !outside.isEmpty {
            throw ConfigurationError(problems: [.init(variable: "SECURITY_GROUP_ID", value: value,
                                                      allowed: "security groups of \(vpc), the mount targets' VPC (\(outside.joined(separator: ", ")))")])
        }
    }
}
