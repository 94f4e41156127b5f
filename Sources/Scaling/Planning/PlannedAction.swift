/// One step of a plan. The reconciler executes them in order and stops at the first failure;
/// every step is safe to repeat, because the next run re-plans from what AWS really holds.
public enum PlannedAction: Sendable, Hashable, CustomStringConvertible {
    /// Write the state document (the reconciler keeps its own lease in it). Placed *before* a
    /// mutation whose completion a later run must be able to resume.
    case recordState(StateDocument)
    case createMountTarget(availabilityZone: String, subnetId: String)
    /// Poll until the AZ's mount target is `available`, bounded by the run's deadline.
    case waitAvailable(availabilityZone: String)
    case publish(MountTargetList)
    case updateService(ServiceUpdate)
    case deleteMountTarget(id: String, availabilityZone: String)
    /// Put the configured security groups (`SECURITY_GROUP_ID`) back on an owned mount target
    /// whose groups drifted (EFS `ModifyMountTargetSecurityGroups`).
    case setSecurityGroups(mountTargetId: String, availabilityZone: String, groups: [String])

    /// A stable name for reports and logs.
    public var name: String {
        switch self {
        case .recordState: "record_state"
        case .createMountTarget: "create_mount_target"
        case .waitAvailable: "wait_available"
        case .publish: "publish"
        case .updateService: "update_service"
        case .deleteMountTarget: "delete_mount_target"
        case .setSecurityGroups: "set_security_groups"
        }
    }

    public var description: String {
        switch self {
        case .recordState(let state):
            if let pending = state.pending {
                return "record state (pending \(pending.kind.rawValue) in \(pending.availabilityZone))"
            }
            return "record state"
        case .createMountTarget(let az, let subnet): return "create a mount target in \(az) (subnet \(subnet))"
        case .waitAvailable(let az): return "wait until the mount target in \(az) is available"
        case .publish(let list):
            let ids = list.entries.map { "\($0.mountTargetId) (\($0.availabilityZone))" }
            return "publish \(list.entries.count) mount target(s): \(ids.joined(separator: ", "))"
        case .updateService(let update): return update.description
        case .deleteMountTarget(let id, let az): return "delete mount target \(id) in \(az)"
        case .setSecurityGroups(let id, let az, let groups):
            return "set the security groups of mount target \(id) in \(az) to \(groups.joined(separator: ","))"
        }
    }
}
