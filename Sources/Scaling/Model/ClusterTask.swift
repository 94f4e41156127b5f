/// A running task of the service's cluster, of any service or none (`RunTask`, scheduled tasks):
/// all that matters to a drain is where it runs, because a task in an AZ may mount the file
/// system through that AZ's mount target.
public struct ClusterTask: Sendable, Hashable, Codable {
    public var arn: String
    /// The subnet of the task's ENI (awsvpc); `nil` for bridge or host networking.
    public var subnetId: String?
    /// The AZ ECS or the task's container instance (`ecs.availability-zone`) names; `nil` when
    /// neither said. A task with neither this nor a subnet is in an unknown AZ: it blocks every drain.
    public var availabilityZone: String?

    public init(arn: String, subnetId: String?, availabilityZone: String?) {
        self.arn = arn
        self.subnetId = subnetId
        self.availabilityZone = availabilityZone
    }
}
