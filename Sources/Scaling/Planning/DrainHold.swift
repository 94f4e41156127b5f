/// Why a pending drain did not delete its mount target in this run. Each is one kind of possible
/// user of the mount target (or of proof missing); the raw value is the `Reason` dimension of
/// the `DrainsHeld` metric and the key in the report.
public enum DrainHold: String, Sendable, Hashable, Encodable, CaseIterable {
    /// `DRAIN_MIN_SECONDS` have not passed since it left the list (consumers re-read it).
    case minimumTime = "min_time"
    /// It is still in the published list.
    case published
    /// The service's current subnets include its AZ.
    case serviceSubnets = "service_subnets"
    /// A deployment with running tasks has a subnet in its AZ (an older revision, a failed rollout).
    case deploymentTasks = "deployment_tasks"
    /// A running task of the cluster (any service, `RunTask`, a scheduled task) is in its AZ.
    case clusterTasks = "cluster_tasks"
    /// A running task, subnet or deployment whose AZ cannot be told, or tasks that were not read.
    case unknownZone = "unknown_zone"
    /// The deployment that moves tasks away has not been forced or recorded yet.
    case deploymentNotForced = "deployment_not_forced"
    /// This run updates the service; a delete never shares a run with an `UpdateService`.
    case serviceUpdate = "service_update"
}
