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
        }
        return document
    }

    public func folding(_ events: [RunEvent]) -> StateDocument {
        events.reduce(self) { $0.folding($1) }
    }
}
