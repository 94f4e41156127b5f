extension Configuration {
    /// The cross-field rule that needs AWS data: every subnet in `SUBNET_IDS` exists, belongs to
    /// `VPC_ID` when that is set, and all eligible subnets share one VPC (mount targets of one file
    /// system must). Called by the observer with what `DescribeSubnets` returned, before any
    /// mutating call; the error has the same shape as `parse`'s.
    public func validate(subnets: [Subnet]) throws(ConfigurationError) {
        var problems: [ConfigurationError.Problem] = []
        if let subnetIds {
            let described = Set(subnets.map(\.id))
            let unknown = subnetIds.filter { !described.contains($0) }
            if !unknown.isEmpty {
                problems.append(.init(variable: "SUBNET_IDS", value: subnetIds.joined(separator: ","),
                                      allowed: "existing subnets (not found: \(unknown.joined(separator: ", ")))"))
            }
        }
        if let vpcId {
            let outside = subnets.filter { $0.vpcId != vpcId }.map { "\($0.id) is in \($0.vpcId)" }
            if !outside.isEmpty {
                problems.append(.init(variable: subnetIds == nil ? "VPC_ID" : "SUBNET_IDS",
                                      value: subnetIds?.joined(separator: ",") ?? vpcId,
                                      allowed: "subnets of \(vpcId) (\(outside.joined(separator: ", ")))"))
            }
        } else {
            let vpcs = Set(subnets.map(\.vpcId))
            if vpcs.count > 1 {
                problems.append(.init(variable: "SUBNET_IDS", value: subnetIds?.joined(separator: ","),
                                      allowed: "subnets of a single VPC (found \(vpcs.sorted().joined(separator: ", ")))"))
            }
        }
        if subnets.isEmpty, problems.isEmpty {
            problems.append(.init(variable: subnetIds == nil ? "VPC_ID" : "SUBNET_IDS",
                                  value: subnetIds?.joined(separator: ",") ?? vpcId,
                                  allowed: "at least one subnet to place mount targets in (none found)"))
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}
