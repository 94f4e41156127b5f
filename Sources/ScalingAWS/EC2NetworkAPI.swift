import AWSServices
import Scaling

/// `NetworkAPI` over the EC2 client.
public struct EC2NetworkAPI: NetworkAPI {
    let ec2: EC2Client

    public init(ec2: EC2Client) {
        self.ec2 = ec2
    }

    /// EC2 fails the whole call when one id is unknown. Then each id is asked alone, so the
    /// caller gets the subnets that exist and can name the ones that do not.
    public func describeSubnets(ids: [String]) async throws -> [Subnet] {
        guard !ids.isEmpty else { return [] }
        do {
            return try await ec2.describeSubnets(subnetIDs: ids).map(Subnet.init)
        } catch where serviceErrorKind(of: error) == .subnetNotFound {
            var found: [Subnet] = []
            for id in ids {
                do {
                    found += try await ec2.describeSubnets(subnetIDs: [id]).map(Subnet.init)
                } catch where serviceErrorKind(of: error) == .subnetNotFound {
                    continue
                }
            }
            return found
        }
    }

    public func describeSubnets(vpcId: String) async throws -> [Subnet] {
        try await ec2.describeSubnets(vpcID: vpcId).map(Subnet.init)
    }
}

extension Subnet {
    init(_ subnet: EC2Subnet) {
        self.init(id: subnet.subnetID, availabilityZoneName: subnet.availabilityZone,
                  availabilityZoneId: subnet.availabilityZoneID, vpcId: subnet.vpcID,
                  availableIpAddressCount: subnet.availableIPAddressCount)
    }
}
