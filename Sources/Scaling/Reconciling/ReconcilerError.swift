/// Failures the reconciler itself detects (AWS and document errors pass through unchanged).
public enum ReconcilerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another run took the lock (this one's expired, or a conditional write was refused): stop
    /// before the next mutation.
    case lockLost(location: String, holder: String?)
    /// A mutating run without `LOCK_TABLE_NAME`: there is no lock to take.
    case noLockConfigured
    /// The mount target being waited for vanished or failed.
    case mountTargetFailed(id: String, state: String)
    /// `MountTargetConflict`, but no mount target of the file system is in that AZ.
    case unexplainedConflict(availabilityZone: String, message: String)
    /// The plan asks to wait for an AZ that holds no mount target.
    case nothingToWaitFor(availabilityZone: String)
    /// A drain reached `DRAIN_TIMEOUT_SECONDS` with users left; nothing was deleted.
    case drainTimedOut(String)
    /// A pending create stayed `creating` past `SCALE_OUT_TIMEOUT_SECONDS` (cleaned up; the AZ backs off).
    case scaleOutFailed(String)
    /// EFS refused a mount target in the AZ (the AZ backs off; a later run tries another).
    case createRefused(availabilityZone: String, code: String, message: String)

    public var description: String {
        switch self {
        case .lockLost(let location, let holder):
            "lost the lock in \(location)\(holder.map { " to \($0)" } ?? ""); stopped before the next change"
        case .noLockConfigured:
            "LOCK_TABLE_NAME is not set: a run that changes anything needs the lock table (plan and count work without it)"
        case .mountTargetFailed(let id, let state): "mount target \(id) is \(state) instead of becoming available"
        case .unexplainedConflict(let az, let message): "MountTargetConflict in \(az) but no mount target found there: \(message)"
        case .nothingToWaitFor(let az): "no mount target to wait for in \(az)"
        case .drainTimedOut(let detail): detail
        case .scaleOutFailed(let detail): detail
        case .createRefused(let az, let code, let message):
            "CreateMountTarget refused in \(az): \(code): \(message); \(az) backs off and the next run tries another AZ"
        }
    }
}
