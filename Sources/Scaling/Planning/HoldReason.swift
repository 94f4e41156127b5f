#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a plan does not move towards its desired size. Two faces: `code` is stable (the report's
/// `hold_reason_code`, the `Holds` metric's `Reason` dimension, what alarms and tests match) and
/// `description` is the sentence for people, which may be reworded at any time.
public enum HoldReason: Sendable, Hashable, CustomStringConvertible {
    /// A scale-out's mount target is still `creating`.
    case waitingForAvailable(mountTargetId: String, availabilityZone: String)
    /// A scale-out's mount target ended `deleting`, `deleted` or `error`.
    case scaleOutAbandoned(mountTargetId: String, state: MountTarget.LifeCycleState)
    /// A new mount target is available and published; its AZ joins the service after
    /// `MOUNT_TARGET_SETTLE_SECONDS`.
    case settling(mountTargetId: String, availabilityZone: String, until: Date, settleSeconds: Int)
    /// A create stayed unavailable past `SCALE_OUT_TIMEOUT_SECONDS` (the run fails with this text).
    case scaleOutTimedOut(String)
    /// The last scale-out's deployment is still rolling out; the next waits for it.
    case awaitingRollout(deploymentId: String?, availabilityZone: String?)
    /// The service moved back into a draining AZ (a rollback, another actor's deploy).
    case drainRestarted(mountTargetId: String, availabilityZone: String)
    /// A drain waits for users of its mount target (`Plan.drainHeld` names their kinds).
    case draining(mountTargetId: String, availabilityZone: String, waitingFor: String)
    /// A drain reached `DRAIN_TIMEOUT_SECONDS` with users left (the run fails with this text).
    case drainTimedOut(String)
    /// A drained mount target is not deleted in a run that updates the service.
    case drainDeferredByServiceUpdate(mountTargetId: String, availabilityZone: String)
    /// This run completed an action; the cooldown starts now.
    case actionCompleted
    /// Something is in flight (a cleanup, a dropped pending operation).
    case operationInFlight
    /// A mount target is neither `available` nor gone (e.g. `creating` by someone else, `deleting`).
    case mountTargetInTransit(mountTargetId: String, availabilityZone: String, state: MountTarget.LifeCycleState)
    /// No file count: nothing but a scale-out is decided without one.
    case countFailed(String)
    /// The walk stopped early (a deadline, an error): a partial count never shrinks.
    case countIncomplete(files: Int)
    /// Unreadable directories make the count a lower bound, which never justifies a scale-in.
    case unreadableDirectories(directories: Int, files: Int)
    /// More AZs are called for, and every eligible one already has a mount target.
    case allAZsServed
    /// More AZs are called for than `MAX_MOUNT_TARGETS`.
    case atMaximum(Int)
    /// A One Zone file system allows one mount target.
    case oneZone(fileSystemId: String, availabilityZone: String)
    /// Fewer AZs are called for than `MIN_MOUNT_TARGETS`.
    case atMinimum(Int)
    /// `SCALE_OUT_COOLDOWN_SECONDS` since the last completed action.
    case scaleOutCooldown(until: Date)
    /// `SCALE_IN_COOLDOWN_SECONDS` since the last completed action.
    case scaleInCooldown(until: Date)
    /// Every free AZ backs off after failed creates (`details`: each AZ, until when, why).
    case azsBackingOff(details: String)
    /// The low signal has not lasted `SCALE_IN_STABILIZATION_SECONDS` yet.
    case stabilizing(since: Date, seconds: Int)
    /// No mount target this autoscaler created may be removed (`protected`: the others, and why).
    case nothingDeletable(protected: String)
    /// Every owned mount target serves a subnet of the service, which this autoscaler may not change.
    case serviceSubnetsUnmanaged

    /// The stable identifier: snake case, never reworded once shipped.
    public var code: String {
        switch self {
        case .waitingForAvailable: "waiting_for_available"
        case .scaleOutAbandoned: "scale_out_abandoned"
        case .settling: "mount_target_settling"
        case .scaleOutTimedOut: "scale_out_timed_out"
        case .awaitingRollout: "awaiting_rollout"
        case .drainRestarted: "drain_restarted"
        case .draining: "draining"
        case .drainTimedOut: "drain_timed_out"
        case .drainDeferredByServiceUpdate: "drain_deferred_by_service_update"
        case .actionCompleted: "action_completed"
        case .operationInFlight: "operation_in_flight"
        case .mountTargetInTransit: "mount_target_in_transit"
        case .countFailed: "count_failed"
        case .countIncomplete: "count_incomplete"
        case .unreadableDirectories: "unreadable_directories"
        case .allAZsServed: "all_azs_served"
        case .atMaximum: "at_max_mount_targets"
        case .oneZone: "one_zone"
        case .atMinimum: "at_min_mount_targets"
        case .scaleOutCooldown: "scale_out_cooldown"
        case .scaleInCooldown: "scale_in_cooldown"
        case .azsBackingOff: "azs_backing_off"
        case .stabilizing: "scale_in_stabilizing"
        case .nothingDeletable: "nothing_deletable"
        case .serviceSubnetsUnmanaged: "service_subnets_unmanaged"
        }
    }

    public var description: String {
        switch self {
        case .waitingForAvailable(let id, let az):
            "waiting for mount target \(id) in \(az) to become available"
        case .scaleOutAbandoned(let id, let state):
            "the new mount target \(id) is \(state); the scale-out is abandoned"
        case .settling(let id, let az, let until, let seconds):
            "mount target \(id) in \(az) is available and published; the service gets \(az) at "
                + "\(DocumentCoding.format(until)) (MOUNT_TARGET_SETTLE_SECONDS=\(seconds): its DNS name may not resolve there before)"
        case .scaleOutTimedOut(let message), .drainTimedOut(let message):
            message
        case .awaitingRollout(let id, let az):
            "waiting for deployment \(id ?? "?") (it gave the service \(az ?? "?")) to complete; the cooldown counts from its completion"
        case .drainRestarted(let id, let az):
            "the service was moved back into \(az): the drain of \(id) starts over"
        case .draining(let id, let az, let waiting):
            "draining \(id) in \(az): waiting for \(waiting)"
        case .drainDeferredByServiceUpdate(let id, let az):
            "draining \(id) in \(az): the service is updated in this run; a later run deletes it"
        case .actionCompleted:
            "an action completed in this run; the cooldown starts now"
        case .operationInFlight:
            "an operation is in flight"
        case .mountTargetInTransit(let id, let az, let state):
            "mount target \(id) in \(az) is \(state)"
        case .countFailed(let reason):
            "no file count (\(reason)): holding"
        case .countIncomplete(let files):
            "the file count is incomplete (\(files) so far): holding"
        case .unreadableDirectories(let directories, let files):
            "\(directories) unreadable director\(directories == 1 ? "y" : "ies") left \(files) files a lower bound: "
                + "it never justifies a scale-in"
        case .allAZsServed:
            "every eligible AZ already has a mount target"
        case .atMaximum(let maximum):
            "at MAX_MOUNT_TARGETS (\(maximum))"
        case .oneZone(let fileSystemId, let zone):
            "\(fileSystemId) is a One Zone file system in \(zone): it allows one mount target"
        case .atMinimum(let minimum):
            "at MIN_MOUNT_TARGETS (\(minimum))"
        case .scaleOutCooldown(let until), .scaleInCooldown(let until):
            "cooling down until \(DocumentCoding.format(until))"
        case .azsBackingOff(let details):
            "every free AZ is backing off after failed creates: \(details)"
        case .stabilizing(let since, let seconds):
            "low signal since \(DocumentCoding.format(since)); stabilizing for \(seconds) s"
        case .nothingDeletable(let protected):
            "no mount target this autoscaler created can be removed (the others are protected: \(protected))"
        case .serviceSubnetsUnmanaged:
            "every mount target this autoscaler created serves a subnet of the service; set MANAGE_SERVICE_SUBNETS=true to scale in"
        }
    }

}
