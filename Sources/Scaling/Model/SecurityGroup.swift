/// A security group as `DescribeSecurityGroups` reports it: a new mount target takes the
/// `SECURITY_GROUP_ID` groups, and EFS rejects groups of another VPC, so the VPC is what matters.
public struct SecurityGroup: Sendable, Hashable, Codable {
    public var id: String
    /// `nil` for a group outside any VPC (EC2-Classic), which a mount target cannot use.
    public var vpcId: String?

    public init(id: String, vpcId: String?) {
        self.id = id
        self.vpcId = vpcId
    }
}
