/// A fixed set of subnets and security groups, answering like EC2 (`ids` that do not exist are absent).
import Scaling
public struct InMemoryNetwork: NetworkAPI {
    public var subnets: [Subnet]
    public var securityGroups: [SecurityGroup]

    public init(subnets: [Subnet], securityGroups: [SecurityGroup]) {
        self.subnets = subnets
        self.securityGroups = securityGroups
    }

    public func describeSubnets(ids: [String]) async throws -> [Subnet] {
        subnets.filter { ids.contains($0.id) }
    }

    public func describeSubnets(vpcId: String) async throws -> [Subnet] {
        subnets.filter { $0.vpcId == vpcId }
    }

    public func describeSecurityGroups(ids: [String]) async throws -> [SecurityGroup] {
        securityGroups.filter { ids.contains($0.id) }
    }
}
