/// The fields of an EC2 security group the autoscaler reads: a mount target's groups must exist
/// and belong to the file system's VPC, or `CreateMountTarget` fails at the worst moment.
public struct EC2SecurityGroup: Sendable, Equatable {
    public var groupId: String
    /// `nil` only for the EC2-Classic groups of very old accounts, which no mount target can use.
    public var vpcId: String?
    public var groupName: String?

    public init(groupId: String, vpcId: String?, groupName: String? = nil) {
        self.groupId = groupId
        self.vpcId = vpcId
        self.groupName = groupName
    }
}
