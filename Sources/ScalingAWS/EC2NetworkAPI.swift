import AWSServices
import Scaling

/// `NetworkAPI` over the EC2 client.
public struct EC2NetworkAPI: NetworkAPI {
    let ec2: EC2Client

    public init(ec2: EC2Client) {
        self.ec2 = ec2
    }

    public func describeSubnets(ids: [String]) async throws -> [Subnet] {
        try await existing(ids, unknown: .subnetNotFound) { try await ec2.describeSubnets(subnetIds: $0).map(Subnet.init) }
    }

    public func describeSubnets(vpcId: String) async throws -> [Subnet] {
        try await ec2.describeSubnets(vpcId: vpcId).map(Subnet.init)
    }

    public func describeSecurityGroups(ids: [String]) async throws -> [SecurityGroup] {
        try await existing(ids, unknown: .securityGroupNotFound) {
            try await ec2.describeSecurityGroups(groupIds: $0).map { SecurityGroup(id: $0.groupId, vpcId: $0.vpcId) }
        }
    }

    /// EC2 fails a whole describe-by-ids call when one id is unknown. Then each id is asked
    /// alone, so the caller gets what exists and can name the ids that do not.
    private func existing<Item>(_ ids: [String], unknown: ServiceErrorKind,
                                _ describe: ([String]) async throws -> [Item]) async throws -> [Item] {
        guard !ids.isEmpty else { return [] }
        do {
            return try await describe(ids)
        } catch where serviceErrorKind(of: error) == unknown {
            var found: [Item] = []
            for id in ids {
                do {
                    found += try await describe([id])
                } catch where serviceErrorKind(of: error) == unknown {
                    continue
                }
            }
            return found
        }
    }
}

extension Subnet {
    init(_ subnet: EC2Subnet) {
        self.init(id: subnet.subnetId, availabilityZoneName: subnet.availabilityZone,
                  availabilityZoneId: subnet.availabilityZoneId, vpcId: subnet.vpcId,
                  availableIpAddressCount: subnet.availableIPAddressCount, ipv6Native: subnet.ipv6Native,
                  hasIPv6CidrBlock: subnet.hasIPv6CidrBlock)
    }
}
