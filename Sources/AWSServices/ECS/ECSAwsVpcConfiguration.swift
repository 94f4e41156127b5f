/// A service's awsvpc network configuration. UpdateService replaces it as a whole, so a
/// caller changing subnets must pass security groups and `assignPublicIp` through unchanged
/// (`withSubnets(_:)` does that).
public struct ECSAwsVpcConfiguration: Codable, Sendable, Equatable {
    public var subnets: [String]
    public var securityGroups: [String]
    /// "ENABLED" or "DISABLED"; `nil` leaves the ECS default (DISABLED).
    public var assignPublicIp: String?

    public init(subnets: [String], securityGroups: [String], assignPublicIp: String? = nil) {
        self.subnets = subnets
        self.securityGroups = securityGroups
        self.assignPublicIp = assignPublicIp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subnets = try c.decodeIfPresent([String].self, forKey: .subnets) ?? []
        securityGroups = try c.decodeIfPresent([String].self, forKey: .securityGroups) ?? []
        assignPublicIp = try c.decodeIfPresent(String.self, forKey: .assignPublicIp)
    }

    /// The same configuration in other subnets.
    public func withSubnets(_ subnets: [String]) -> ECSAwsVpcConfiguration {
        var copy = self
        copy.subnets = subnets
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case subnets, securityGroups, assignPublicIp
    }
}

/// The `networkConfiguration` wrapper as ECS spells it on the wire.
struct ECSNetworkConfiguration: Codable, Sendable, Equatable {
    var awsvpcConfiguration: ECSAwsVpcConfiguration?
}
