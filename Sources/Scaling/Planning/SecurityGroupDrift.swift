/// A mount target whose security groups differ from `SECURITY_GROUP_ID` (compared as sets).
///
/// It happens when Terraform replaces the group (`name_prefix` + `create_before_destroy`):
/// the mount targets keep the old group, whose NFS rules go away, so new mounts in that AZ are
/// refused while the target stays `available` and published. Owned mount targets (this
/// autoscaler created them) are set back to the configured groups; any other is only reported,
/// because someone else manages it.
public struct SecurityGroupDrift: Sendable, Hashable, Encodable {
    public var mountTargetId: String
    public var availabilityZone: String
    /// The groups in effect, as EFS reported them.
    public var actual: [String]
    /// The configured groups (`SECURITY_GROUP_ID`).
    public var expected: [String]
    /// Whether the autoscaler created it, and therefore repairs it.
    public var owned: Bool

    public init(mountTargetId: String, availabilityZone: String, actual: [String], expected: [String], owned: Bool) {
        self.mountTargetId = mountTargetId
        self.availabilityZone = availabilityZone
        self.actual = actual
        self.expected = expected
        self.owned = owned
    }

    enum CodingKeys: String, CodingKey {
        case mountTargetId = "mount_target_id"
        case availabilityZone = "availability_zone"
        case actual, expected, owned
    }

    /// The drifted mount targets among `available` ones whose groups were read, sorted by AZ then id.
    static func find(in observation: Observation, expected: [String]) -> [SecurityGroupDrift] {
        guard !expected.isEmpty else { return [] }
        let owned = Set(observation.state.ownedMountTargetIds)
        return observation.mountTargets
            .filter { $0.lifeCycleState == .available }
            .compactMap { target -> SecurityGroupDrift? in
                guard let actual = observation.mountTargetSecurityGroups[target.id], Set(actual) != Set(expected) else { return nil }
                return SecurityGroupDrift(mountTargetId: target.id, availabilityZone: target.availabilityZoneName,
                                          actual: actual, expected: expected, owned: owned.contains(target.id))
            }
            .sorted { ($0.availabilityZone, $0.mountTargetId) < ($1.availabilityZone, $1.mountTargetId) }
    }
}
