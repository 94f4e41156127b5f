import AWSCore

extension EC2Client {
    /// The named security groups, following `NextToken` to the last page.
    ///
    /// Only lookups by id: listing every group of an account is never what the autoscaler means,
    /// so an empty list is rejected as bad input. Unknown ids fail the whole call with
    /// `InvalidGroup.NotFound` (`.securityGroupNotFound`). A repeated token throws instead of looping.
    public func describeSecurityGroups(groupIds: [String]) async throws -> [EC2SecurityGroup] {
        guard !groupIds.isEmpty else {
            throw ServiceInputError(parameter: "GroupId", value: "", reason: "give at least one security group id")
        }
        var parameters: [(String, String)] = []
        for (index, id) in groupIds.enumerated() {
            try ServiceInputError.validateIdentifier(id, parameter: "GroupId")
            parameters.append(("GroupId.\(index + 1)", id))
        }
        return try await allPages(operation: "DescribeSecurityGroups", parameters: parameters, set: "securityGroupInfo") { item in
            EC2SecurityGroup(groupId: try XMLResponse.required(item, "groupId", service: .ec2, operation: "DescribeSecurityGroups"),
                             vpcId: XMLResponse.optional(item, "vpcId"), groupName: XMLResponse.optional(item, "groupName"))
        }
    }
}
