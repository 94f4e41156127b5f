/// Failures the reconciler itself detects (AWS and document errors pass through unchanged).
public enum ReconcilerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another run wrote the state document while this one held the lease: stop acting.
    case leaseLost(parameter: String)
    /// The mount target being waited for vanished or failed.
    case mountTargetFailed(id: String, state: String)
    /// `MountTargetConflict`, but no mount target of the file system is in that AZ.
    case unexplainedConflict(availabilityZone: String, message: String)
    /// The plan asks to wait for an AZ that holds no mount target.
    case nothingToWaitFor(availabilityZone: String)

    public var description: String {
        switch self {
        case .leaseLost(let parameter): "lost the lease in \(parameter) to another run; stopped before acting"
        case .mountTargetFailed(let id, let state): "mount target \(id) is \(state) instead of becoming available"
        case .unexplainedConflict(let az, let message): "MountTargetConflict in \(az) but no mount target found there: \(message)"
        case .nothingToWaitFor(let az): "no mount target to wait for in \(az)"
        }
    }
}
