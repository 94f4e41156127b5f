/// The fields of an EC2 security group the autoscaler reads: a mount target's groups must exist
/// and belong to the file system's VPC, or `CreateMountTarget` fails at the worst moment.
public struct EC2SecurityGroup: Sendable, Equatable {
    public var groupID: String
    /// `nil` only for the EC2-Classic groups of very old accounts, which no mount target can use.
    public var vpcID: String?
    public var groupName: String?

    public init(groupID: String, vpcID: String?, groupName: String? = nil) {
        self.groupID = groupID
        self.vpcID = vpcID
        self.groupName = groupName
    }
}
