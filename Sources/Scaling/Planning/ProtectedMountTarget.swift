/// A mount target the planner will never delete, and why: it was not created by this autoscaler
/// (it existed before, or was adopted on `MountTargetConflict`), or its AZ is in `PROTECTED_AZS`.
public struct ProtectedMountTarget: Sendable, Hashable, Encodable {
    public enum Reason: String, Sendable, Hashable, Encodable {
        /// The AZ is listed in `PROTECTED_AZS`.
        case protectedAZ = "protected_az"
        /// Not in the state's `owned_mount_targets`.
        case notOwned = "not_created_by_autoscaler"
    }

    public var id: String
    public var availabilityZone: String
    public var reason: Reason

    public init(id: String, availabilityZone: String, reason: Reason) {
        self.id = id
        self.availabilityZone = availabilityZone
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id
        case availabilityZone = "az"
        case reason
    }
}
