#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a run learns while it acts, fed back into the state document by `StateDocument.folding`
/// instead of the executor patching the planner's copy by hand (the driver/state-machine split
/// of async-http-client). Folding is idempotent, so a document that already holds an event's
/// effect (read back in a later round) is unchanged by it.
public enum RunEvent: Sendable, Hashable {
    /// `CreateMountTarget` succeeded: the autoscaler owns this mount target.
    case mountTargetCreated(id: String, availabilityZone: String)
    /// `MountTargetConflict`: someone else's mount target holds the AZ; it is used, never owned.
    case mountTargetAdopted(id: String, availabilityZone: String)
    /// `UpdateService` forced this deployment.
    case deploymentForced(id: String)
    /// `DeleteMountTarget` was accepted.
    case mountTargetDeleted(id: String)
    /// A create failed because of the AZ (EFS refused it there, the mount target ended in
    /// `error`, or it stayed `creating` past `SCALE_OUT_TIMEOUT_SECONDS`): the AZ backs off and
    /// the pending scale-out there ends.
    case mountTargetCreateFailed(availabilityZone: String, error: String, at: Date)
    /// `UpdateService` was accepted: the deployment it started (when named) and the subnets it
    /// set. Forced for a scale-out (`scaleOutAvailabilityZone`), its rollout's completion starts
    /// the cooldown. The event carries everything it records: the fold is replayed onto the
    /// planner's later copies, which never saw it.
    case serviceUpdated(deploymentId: String?, subnets: [String]?, scaleOutAvailabilityZone: String?, at: Date)
}

extension StateDocument {
    /// The pure fold of one event into the document.
    public func folding(_ event: RunEvent) -> StateDocument {
        var document = self
        switch event {
        case .mountTargetCreated(let id, let az):
            document.ownedMountTargetIds = Array(Set(ownedMountTargetIds + [id])).sorted()
            if var pending = document.pending, pending.kind == .scaleOut, pending.availabilityZone == az {
                pending.mountTargetId = pending.mountTargetId ?? id
                document.pending = pending
            }
        case .mountTargetAdopted(let id, let az):
            if var pending = document.pending, pending.kind == .scaleOut, pending.availabilityZone == az {
                pending.mountTargetId = pending.mountTargetId ?? id
                document.pending = pending
            }
        case .deploymentForced(let id):
            if var pending = document.pending, pending.kind == .scaleInDrain {
                pending.deploymentId = pending.deploymentId ?? id
                document.pending = pending
            }
        case .mountTargetDeleted(let id):
            document.ownedMountTargetIds.removeAll { $0 == id }
        case .mountTargetCreateFailed(let az, let error, let at):
            document.azBackoff[az] = AZBackoff.after(azBackoff[az], error: error, at: at)
            if let pending = document.pending, pending.kind == .scaleOut, pending.availabilityZone == az {
                document.pending = nil
            }
        case .serviceUpdated(let id, let subnets, let scaleOut, let at):
            if (lastDeployment?.forcedAt ?? .distantPast) < at {
                document.lastDeployment = ForcedDeployment(id: id, forcedAt: at, subnets: subnets, scaleOutAvailabilityZone: scaleOut)
            }
        }
        return document
    }

    public func folding(_ events: [RunEvent]) -> StateDocument {
        events.reduce(self) { $0.folding($1) }
    }
}
