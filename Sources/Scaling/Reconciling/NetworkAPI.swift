/// The EC2 lookups the autoscaler needs: where subnets and security groups are.
public protocol NetworkAPI: Sendable {
    /// The named subnets that exist; ids that do not exist are absent from the result (adapters
    /// turn `InvalidSubnetID.NotFound` into that), so callers can name the unknown ones.
    func describeSubnets(ids: [String]) async throws -> [Subnet]
    /// Every subnet of the VPC, following every page.
    func describeSubnets(vpcId: String) async throws -> [Subnet]
    /// The named security groups that exist; unknown ids are absent (adapters turn
    /// `InvalidGroup.NotFound` into that), so callers can name them.
    func describeSecurityGroups(ids: [String]) async throws -> [SecurityGroup]
}
