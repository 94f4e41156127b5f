/// A fixed set of subnets, answering like EC2 (`ids` that do not exist are absent).
public struct InMemoryNetwork: NetworkAPI {
    public var subnets: [Subnet]

    public init(subnets: [Subnet]) {
        self.subnets = subnets
    }

    public func describeSubnets(ids: [String]) async throws -> [Subnet] {
        subnets.filter { ids.contains($0.id) }
    }

    public func describeSubnets(vpcId: String) async throws -> [Subnet] {
        subnets.filter { $0.vpcId == vpcId }
    }
}
