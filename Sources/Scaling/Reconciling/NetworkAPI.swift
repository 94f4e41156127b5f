/// The EC2 lookups the autoscaler needs: where subnets are.
public protocol NetworkAPI: Sendable {
    /// The named subnets that exist; ids that do not exist are absent from the result (adapters
    /// turn `InvalidSubnetID.NotFound` into that), so callers can name the unknown ones.
    func describeSubnets(ids: [String]) async throws -> [Subnet]
    /// Every subnet of the VPC, following every page.
    func describeSubnets(vpcId: String) async throws -> [Subnet]
}
