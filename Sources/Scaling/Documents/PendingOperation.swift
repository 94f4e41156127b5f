#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An operation a run started and a later run must finish.
public struct PendingOperation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A mount target was (or is about to be) created; it is published once `available`.
        case scaleOut = "scale_out"
        /// A mount target was unpublished and removed from the service; it is deleted once the
        /// deployment that moved the tasks away completed or `DRAIN_TIMEOUT_SECONDS` passed.
        case scaleInDrain = "scale_in_drain"
    }

    public var kind: Kind
    public var availabilityZone: String
    public var subnetId: String
    public var mountTargetId: String?
    public var startedAt: Date
    /// The ECS deployment forced by a scale-in; `nil` until it was forced. (A scale-out's
    /// deployment is the state's `last_deployment`, forced after `available_at` + the settle time.)
    public var deploymentId: String?
    /// Scale-out: when the run that saw the new mount target `available` saw it. The service
    /// gets its AZ `MOUNT_TARGET_SETTLE_SECONDS` later (a resumed run continues the wait).
    public var availableAt: Date?

    public init(kind: Kind, availabilityZone: String, subnetId: String, mountTargetId: String? = nil,
                startedAt: Date, deploymentId: String? = nil) {
        self.kind = kind
        self.availabilityZone = availabilityZone
        self.subnetId = subnetId
        self.mountTargetId = mountTargetId
        self.startedAt = startedAt
        self.deploymentId = deploymentId
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case availabilityZone = "availability_zone"
        case subnetId = "subnet_id"
        case mountTargetId = "mount_target_id"
        case startedAt = "started_at"
        case deploymentId = "deployment_id"
        case availableAt = "available_at"
    }
}
