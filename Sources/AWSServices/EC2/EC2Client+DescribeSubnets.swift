import AWSCore

extension EC2Client {
    /// Subnets filtered by VPC and/or ids, following `NextToken` to the last page.
    ///
    /// With neither filter EC2 would list every subnet in the region, which is never what
    /// the autoscaler means; that is rejected as bad input. Unknown subnet ids fail with
    /// `InvalidSubnetID.NotFound` (`.subnetNotFound`). A repeated token throws instead of looping.
    public func describeSubnets(vpcId: String? = nil, subnetIds: [String] = []) async throws -> [EC2Subnet] {
        guard vpcId != nil || !subnetIds.isEmpty else {
            throw ServiceInputError(parameter: "VpcId/SubnetId", value: "", reason: "give a VPC id or subnet ids")
        }
        var parameters: [(String, String)] = []
        if let vpcId {
            try ServiceInputError.validateIdentifier(vpcId, parameter: "VpcId")
            parameters += [("Filter.1.Name", "vpc-id"), ("Filter.1.Value.1", vpcId)]
        }
        for (index, id) in subnetIds.enumerated() {
            try ServiceInputError.validateIdentifier(id, parameter: "SubnetId")
            parameters.append(("SubnetId.\(index + 1)", id))
        }
        return try await allPages(operation: "DescribeSubnets", parameters: parameters, set: "subnetSet", decode: Self.subnet(from:))
    }

    private static func subnet(from item: XMLNode) throws -> EC2Subnet {
        func required(_ name: String) throws -> String {
            try XMLResponse.required(item, name, service: .ec2, operation: "DescribeSubnets")
        }
        func optional(_ name: String) -> String? { XMLResponse.optional(item, name) }
        return EC2Subnet(subnetId: try required("subnetId"), vpcId: try required("vpcId"),
                         availabilityZone: try required("availabilityZone"),
                         availabilityZoneId: optional("availabilityZoneId"), cidrBlock: optional("cidrBlock"),
                         availableIPAddressCount: optional("availableIpAddressCount").flatMap { Int($0) },
                         state: optional("state"), ipv6Native: optional("ipv6Native") == "true",
                         hasIPv6CidrBlock: item.child("ipv6CidrBlockAssociationSet")?.children("item").contains {
                             $0.path("ipv6CidrBlockState", "state")?.text == "associated"
                         } ?? false)
    }
}
