#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The pure decision: `(Observation, Policy, now) -> Plan`. No I/O, no clock of its own.
///
/// Order of concerns: finish what a previous run left pending, then decide a size change (only
/// when nothing is in flight), then repair the published list and the service so that they match
/// what EFS really holds. At most one scale action is in flight at any time.
public enum Planner {
    public static func plan(_ observation: Observation, policy: Policy, now: Date) -> Plan {
        var draft = Draft(observation: observation, policy: policy, now: now)
        draft.watchLastDeployment()
        draft.resumePending()
        draft.cleanUpFailedMountTargets()
        draft.decide()
        draft.reconcileSecurityGroups()
        draft.repair()
        draft.deferDeletesIfServiceUpdated()
        draft.finishDrain()
        draft.noteServiceSubnets()
        var plan = draft.finish()
        plan.notices = draft.notices
        plan.scaleOutFailure = draft.scaleOutFailure
        plan.securityGroupDrift = draft.securityGroupDrift
        return plan
    }
}

/// The plan under construction. Actions are collected in three groups so that the order of
/// DESIGN.md §3 holds: `before` (e.g. recording a scale-in before unpublishing), the repair of
/// list and service, then `after` (e.g. creating a mount target, recording a completion).
private struct Draft {
    let observation: Observation
    let policy: Policy
    let now: Date
    let topology: Topology
    var state: StateDocument
    var before: [PlannedAction] = []
    var after: [PlannedAction] = []
    var repairActions: [PlannedAction] = []
    /// Something is in flight (pending operation, transition, cleanup): no new scale decision.
    var busy = false
    /// A scale-in must force a deployment even if the list is already right (the previous one was lost).
    var forceDeployment = false
    var hold: HoldReason?
    var reasons: [String] = []
    /// A pending drain whose mount target nothing uses any more: deleted unless the service is updated.
    var drainReady: MountTarget?
    var drainHeld: [DrainHold] = []
    var failure: String?
    var desired: Int
    var published: MountTargetList
    /// A new mount target that is available and published but still settling: its AZ is not
    /// added to the service yet, and publishing it forces no deployment on its own.
    var settlingAZ: String?
    var notices: [String] = []
    var scaleOutFailure: String?
    /// The deployment of the last scale-out, still rolling out: no scale-out starts before it completes.
    var awaitedRollout: ForcedDeployment?
    var securityGroupDrift: [SecurityGroupDrift] = []

    init(observation: Observation, policy: Policy, now: Date) {
        self.observation = observation
        self.policy = policy
        self.now = now
        topology = Topology(observation.placingInFileSystemZone(), ipAddressType: policy.ipAddressType)
        state = observation.state
        if case .counted(let count, cached: false) = observation.count { state.lastCount = count }
        desired = 0
        published = MountTargetList([])
    }

    /// The mount target being drained (by a pending or a new scale-in): never published again,
    /// even in the plan that finally deletes it.
    var drainingId: String?

    var current: Int { topology.occupant.values.filter { $0.id != drainingId }.count }

    // MARK: Pending operations

    mutating func resumePending() {
        guard let pending = state.pending else { return }
        switch pending.kind {
        case .scaleOut:
            let recorded = pending.mountTargetId.flatMap { id in observation.mountTargets.first { $0.id == id } }
            // Whatever holds the AZ now is the result of this scale-out (adopted if someone else made it).
            resumeScaleOut(pending, recorded ?? topology.occupant[pending.availabilityZone])
        case .scaleInDrain:
            resumeDrain(pending)
        }
    }

    private mutating func resumeScaleOut(_ pending: PendingOperation, _ target: MountTarget?) {
        guard let target, target.occupiesAvailabilityZone else {
            // The create never happened (or failed before EFS accepted it): forget it and decide afresh.
            state.pending = nil
            reasons.append("the pending scale-out in \(pending.availabilityZone) has no mount target; it is abandoned")
            return
        }
        busy = true
        switch target.lifeCycleState {
        case .available:
            settleAndRollOut(pending, target)
        case .creating, .updating, .other:
            if now >= pending.startedAt.addingTimeInterval(Double(policy.scaleOutTimeoutSeconds)) {
                failTimedOutScaleOut(pending, target)
                return
            }
            after.append(.waitAvailable(availabilityZone: target.availabilityZoneName))
            hold = .waitingForAvailable(mountTargetId: target.id, availabilityZone: target.availabilityZoneName)
        case .deleting, .deleted, .error:
            state.pending = nil
            if target.lifeCycleState == .error {
                // Seen by this run only (the run that waited for it did not get to record it).
                state = state.folding(.mountTargetCreateFailed(
                    availabilityZone: target.availabilityZoneName, error: "mount target \(target.id) ended in error", at: now))
            }
            after.append(.recordState(state))
            hold = .scaleOutAbandoned(mountTargetId: target.id, state: target.lifeCycleState)
        }
    }

    /// Whether this autoscaler may ever delete `target`: it created it and its AZ is not protected.
    func deletable(_ target: MountTarget) -> Bool {
        state.ownedMountTargetIds.contains(target.id) && !policy.protectedAZs.contains(target.availabilityZoneName)
    }

    /// A drain deletes its mount target only when, seen in this run, nothing can still use it
    /// (DESIGN.md §3). Anything else holds it; past `DRAIN_TIMEOUT_SECONDS` the run fails loudly
    /// and the mount target stays. Deleting under a running task is never the fallback.
    private mutating func resumeDrain(_ pending: PendingOperation) {
        // Only ever the recorded mount target: a newer one in the same AZ was never drained, and a
        // drain of an older state document that recorded no id names nothing it may delete.
        guard let id = pending.mountTargetId else {
            state.pending = nil
            after.append(.recordState(state))
            busy = true
            reasons.append("the pending drain in \(pending.availabilityZone) recorded no mount-target id (an older state "
                + "document): it is dropped and whatever holds the AZ is left alone")
            return
        }
        busy = true
        drainingId = id
        guard let target = observation.mountTargets.first(where: { $0.id == id }),
              target.lifeCycleState != .deleting, target.lifeCycleState != .deleted else {
            // Deleted by a run that did not get to record it.
            state.pending = nil
            state.lastActionCompletedAt = state.lastActionCompletedAt.map { max($0, pending.startedAt) } ?? now
            after.append(.recordState(state))
            reasons.append("the drained mount target in \(pending.availabilityZone) is gone: scale-in completes")
            return
        }
        let az = target.availabilityZoneName
        guard deletable(target) else {
            // A drain started before ownership was recorded, or its AZ became protected since.
            abandonDrain(pending, target, because: policy.protectedAZs.contains(az)
                ? "\(az) is in PROTECTED_AZS" : "\(target.id) was not created by this autoscaler")
            return
        }
        if let service = observation.service, service.subnets.contains(where: { topology.azOfSubnet[$0] == az }) {
            // Moved back into the AZ (a rollback, another actor's deploy): what was checked no longer holds.
            if policy.manageServiceSubnets, signalWantsFewer(than: current + 1) {
                var restarted = pending
                restarted.startedAt = now
                restarted.deploymentId = nil
                state.pending = restarted
                before.append(.recordState(state))
                forceDeployment = true
                drainHeld = [.serviceSubnets]
                hold = .drainRestarted(mountTargetId: target.id, availabilityZone: az)
            } else {
                abandonDrain(pending, target, because: "the service was moved back into \(az) and the signal no longer calls "
                    + "for a scale-in" + (policy.manageServiceSubnets ? "" : " that could move it away (MANAGE_SERVICE_SUBNETS=false)"))
            }
            return
        }
        let timedOut = now >= pending.startedAt.addingTimeInterval(Double(policy.drainTimeoutSeconds))
        var holds: [(DrainHold, String)] = []
        if let service = observation.service, pending.deploymentId == nil, !timedOut,
           !service.deployments.contains(where: { $0.status == .primary && ($0.createdAt.map { $0 >= pending.startedAt } ?? false) }) {
            // Without a recorded id (the response or the state write was lost), a PRIMARY
            // deployment created since the drain started is the one that moves the tasks; with
            // neither, force one. Past the timeout it is not forced again (one per run otherwise).
            forceDeployment = true
            holds.append((.deploymentNotForced, "forcing the deployment that moves tasks away"))
        }
        holds += users(of: target)
        let heldUntil = pending.startedAt.addingTimeInterval(Double(policy.drainMinSeconds))
        if now < heldUntil {
            holds.append((.minimumTime, "DRAIN_MIN_SECONDS (\(policy.drainMinSeconds) s) until \(DocumentCoding.format(heldUntil))"))
        }
        if holds.isEmpty {
            drainReady = target
            return
        }
        drainHeld = holds.map(\.0)
        let waiting = holds.map(\.1).joined(separator: "; ")
        if timedOut {
            failure = "the drain of \(target.id) in \(az) timed out after DRAIN_TIMEOUT_SECONDS (\(policy.drainTimeoutSeconds) s) "
                + "with users left: \(waiting). The mount target stays unpublished and is not deleted; move those users out "
                + "of \(az), or put the mount target back by removing the pending drain from the state"
            hold = failure.map(HoldReason.drainTimedOut)
        } else {
            hold = .draining(mountTargetId: target.id, availabilityZone: az, waitingFor: waiting)
        }
    }

    /// Everything seen in this run that may still use `target`, besides the clock.
    private func users(of target: MountTarget) -> [(DrainHold, String)] {
        let az = target.availabilityZoneName
        var users: [(DrainHold, String)] = []
        if observation.published?.entries.contains(where: { $0.mountTargetId == target.id }) ?? false {
            users.append((.published, "\(target.id) to leave the published list"))
        }
        guard let service = observation.service else { return users }
        let unplaced = service.subnets.filter { topology.azOfSubnet[$0] == nil }
        if !unplaced.isEmpty {
            users.append((.unknownZone, "the service's subnet(s) \(unplaced.joined(separator: ", ")) in an unknown AZ"))
        }
        for deployment in service.deployments.sorted(by: { $0.id < $1.id }) where deployment.mayHaveRunningTasks {
            // A deployment without its own subnets (not reported) is covered by the task check below.
            let zones = (deployment.subnets ?? []).map { topology.azOfSubnet[$0] }
            if zones.contains(where: { $0 == nil }) {
                users.append((.unknownZone, "deployment \(deployment.id) (\(deployment.status)) has a subnet in an unknown AZ"))
            } else if zones.contains(az) {
                let running = deployment.runningCount.map(String.init) ?? "an unknown number of"
                users.append((.deploymentTasks, "deployment \(deployment.id) (\(deployment.status), \(running) running "
                    + "task(s)) to leave \(az)"))
            }
        }
        guard let tasks = observation.clusterTasks else {
            users.append((.unknownZone, "the cluster's running tasks, which were not read"))
            return users
        }
        var inZone: [String] = [], unknown: [String] = []
        for task in tasks.sorted(by: { $0.arn < $1.arn }) {
            let zones = topology.availabilityZones(of: task)
            if zones.isEmpty { unknown.append(task.arn) } else if zones.contains(az) { inZone.append(task.arn) }
        }
        if !inZone.isEmpty {
            users.append((.clusterTasks, "\(inZone.count) running task(s) in \(az) to stop (\(Self.examples(inZone)))"))
        }
        if !unknown.isEmpty {
            users.append((.unknownZone, "\(unknown.count) running task(s) whose AZ cannot be told (\(Self.examples(unknown)))"))
        }
        return users
    }

    private static func examples(_ items: [String]) -> String {
        items.prefix(3).joined(separator: ", ") + (items.count > 3 ? ", …" : "")
    }

    /// The drain stops; the repair publishes the mount target again (and, with managed subnets,
    /// gives the service its AZ back).
    private mutating func abandonDrain(_ pending: PendingOperation, _ target: MountTarget, because why: String) {
        state.pending = nil
        drainingId = nil
        after.append(.recordState(state))
        reasons.append("the drain of \(target.id) in \(pending.availabilityZone) is abandoned (\(why)); it is published again")
    }

    /// Whether a complete count of every directory asks for fewer than `size` AZs.
    private func signalWantsFewer(than size: Int) -> Bool {
        guard let count = observation.count.exactCount else { return false }
        let (minimum, maximum) = bounds
        var target = size
        if case .shrink(let smaller) = Sizing.signal(files: count.files, current: size, policy: policy) { target = smaller }
        return max(1, min(max(target, minimum), maximum)) < size
    }

    /// `[MIN, MAX]`. MAX defaults to every AZ that is eligible or already served: eligibility
    /// decides where to grow, so a subnet that fills up never shrinks the default.
    var bounds: (minimum: Int, maximum: Int) {
        let known = topology.configuredAZs.union(topology.occupant.keys)
        let maximum = capForOneZone(max(1, policy.maxMountTargets ?? known.count))
        return (min(policy.minMountTargets, maximum), maximum)
    }

    /// The drained mount target is deleted, unless this run updates the service: a delete and a
    /// repairing `UpdateService` never share a run (the update may move tasks back into the AZ).
    mutating func finishDrain() {
        guard let target = drainReady else { return }
        if repairActions.contains(where: { if case .updateService = $0 { true } else { false } }) {
            drainHeld = [.serviceUpdate]
            hold = .drainDeferredByServiceUpdate(mountTargetId: target.id, availabilityZone: target.availabilityZoneName)
            return
        }
        state.pending = nil
        state.lastActionCompletedAt = now
        after.insert(contentsOf: [.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName),
                                  .recordState(state)], at: 0)
        reasons.append("nothing uses \(target.id) in \(target.availabilityZoneName) any more: deleting it")
    }

    /// A mount target in `error` state serves nobody and blocks its AZ: delete it when this
    /// autoscaler created it and it is not published (only `available` ones ever are, so no
    /// client can be using it). Anyone else's stays, and is reported as protected.
    mutating func cleanUpFailedMountTargets() {
        let published = Set(observation.published?.entries.map(\.mountTargetId) ?? [])
        for target in topology.occupant.values.sorted(by: { $0.id < $1.id }) where target.lifeCycleState == .error {
            // Anyone else's (or a published one) stays; it holds its AZ like a transition would.
            guard deletable(target), !published.contains(target.id) else { continue }
            if after.contains(.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName)) { continue }
            after.append(.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName))
            reasons.append("mount target \(target.id) in \(target.availabilityZoneName) is in error: deleting it")
            busy = true
        }
    }

    /// A delete never shares a plan with an `UpdateService` (DESIGN.md §3): this run's deletes
    /// of failed mount targets wait for the next run.
    mutating func deferDeletesIfServiceUpdated() {
        guard repairActions.contains(where: { if case .updateService = $0 { true } else { false } }) else { return }
        after.removeAll { if case .deleteMountTarget = $0 { true } else { false } }
    }

    // MARK: Scale decision

    mutating func decide() {
        let (minimum, maximum) = bounds
        let count = observation.count.completeCount
        var target = current
        var lowSignal = false
        var lowerBoundHold: HoldReason?
        if let count {
            switch Sizing.signal(files: count.files, current: current, policy: policy) {
            case .grow(let size): target = size
            case .shrink(let size):
                if count.isExact {
                    lowSignal = true
                    target = size
                } else {
                    // Files under unreadable directories are missing: a lower bound may grow, never shrink.
                    lowerBoundHold = unreadableHold(count)
                }
            case .steady: break
            }
        }
        state.lowSignalSince = lowSignal ? (state.lowSignalSince ?? now) : nil
        desired = max(1, min(max(target, minimum), maximum))

        if busy {
            if desired != current, hold == nil {
                hold = state.pending == nil && state.lastActionCompletedAt == now ? .actionCompleted : .operationInFlight
            }
            return
        }
        let inTransit = topology.occupant.values.sorted { $0.id < $1.id }.first { $0.lifeCycleState != .available }
        if let transit = inTransit {
            hold = .mountTargetInTransit(mountTargetId: transit.id, availabilityZone: transit.availabilityZoneName, state: transit.lifeCycleState)
            return
        }
        if count == nil, desired <= current {
            hold = countHold
            return
        }
        if desired < current, let count, !count.isExact {
            hold = unreadableHold(count)
            return
        }
        if desired > current {
            scaleOut(target: target, maximum: maximum)
        } else if desired < current {
            scaleIn(lowSignal: lowSignal)
        } else if target > current {
            hold = oneZoneHold ?? (topology.freeAZs.isEmpty ? .allAZsServed : .atMaximum(maximum))
        } else if lowSignal, target < current {
            hold = .atMinimum(minimum)
        } else if let lowerBoundHold {
            hold = lowerBoundHold
        }
    }

    private func unreadableHold(_ count: FileCount) -> HoldReason {
        .unreadableDirectories(directories: count.unreadableDirectories, files: count.files)
    }

    private var countHold: HoldReason {
        switch observation.count {
        case .failed(let reason): .countFailed(reason)
        case .counted(let count, _): .countIncomplete(files: count.files)
        }
    }

    /// The scale-in gate (`SCALE_IN_COOLDOWN_SECONDS`, which defaults to `SCALE_OUT_COOLDOWN_SECONDS`).
    private var cooldownEnds: Date? {
        guard let last = state.lastActionCompletedAt else { return nil }
        let end = last.addingTimeInterval(Double(policy.scaleInCooldownSeconds ?? policy.scaleOutCooldownSeconds))
        return now < end ? end : nil
    }

    /// The scale-out gate (`SCALE_OUT_COOLDOWN_SECONDS`), from the last completed action: for a
    /// scale-out, the completion of the rollout it forced.
    private var scaleOutCooldownEnds: Date? {
        guard let last = state.lastActionCompletedAt else { return nil }
        let end = last.addingTimeInterval(Double(policy.scaleOutCooldownSeconds))
        return now < end ? end : nil
    }

    private mutating func scaleOut(target: Int, maximum: Int) {
        if let rollout = awaitedRollout {
            hold = .awaitingRollout(deploymentId: rollout.id, availabilityZone: rollout.scaleOutAvailabilityZone)
            return
        }
        if let end = scaleOutCooldownEnds {
            hold = .scaleOutCooldown(until: end)
            return
        }
        let free = topology.freeAZs
        let backingOff = state.azsBackingOff(at: now)
        guard let az = free.first(where: { backingOff[$0] == nil }), let subnet = topology.eligibleSubnet[az] else {
            hold = free.isEmpty ? .allAZsServed : .azsBackingOff(details: free.compactMap { az in
                backingOff[az].map { "\(az) until \(DocumentCoding.format($0.until)) (\($0.lastError))" }
            }.joined(separator: ", "))
            return
        }
        state.pending = PendingOperation(kind: .scaleOut, availabilityZone: az, subnetId: subnet.id, startedAt: now)
        after.append(.recordState(state))
        after.append(.createMountTarget(availabilityZone: az, subnetId: subnet.id))
        after.append(.waitAvailable(availabilityZone: az))
        reasons.append("scale out from \(current) to \(current + 1) AZs: a mount target in \(az); "
            + "once available it is published and the service redeployed")
    }

    private mutating func scaleIn(lowSignal: Bool) {
        if lowSignal, let since = state.lowSignalSince,
           now < since.addingTimeInterval(Double(policy.scaleInStabilizationSeconds)) {
            hold = .stabilizing(since: since, seconds: policy.scaleInStabilizationSeconds)
            return
        }
        if let end = cooldownEnds {
            hold = .scaleInCooldown(until: end)
            return
        }
        let owned = topology.occupant.values.filter(deletable)
        guard !owned.isEmpty else {
            hold = .nothingDeletable(protected: protectedMountTargets
                .map { "\($0.id) in \($0.availabilityZone): \($0.reason.rawValue)" }.joined(separator: ", "))
            return
        }
        guard let victim = scaleInVictim(among: owned) else {
            hold = .serviceSubnetsUnmanaged
            return
        }
        state.pending = PendingOperation(kind: .scaleInDrain, availabilityZone: victim.availabilityZoneName,
                                         subnetId: victim.subnetId, mountTargetId: victim.id, startedAt: now)
        state.lowSignalSince = nil
        before.append(.recordState(state))
        forceDeployment = observation.service != nil
        reasons.append("scale in from \(current) to \(current - 1) AZs: unpublish \(victim.id) in "
            + "\(victim.availabilityZoneName), redeploy, delete it once drained")
        drainingId = victim.id
    }

    /// The AZ to give up, among the mount targets this autoscaler created: one outside the
    /// configured AZs first, then (when the service's subnets are not managed) one the service
    /// does not run in, then the highest AZ name (scale-out takes names in ascending order, so
    /// this undoes the most recent growth). A full subnet does not make its AZ a victim.
    private func scaleInVictim(among owned: [MountTarget]) -> MountTarget? {
        let candidates = owned.filter {
            policy.manageServiceSubnets || !topology.serviceAZs.contains($0.availabilityZoneName)
        }
        return candidates.max { lhs, rhs in
            let lhsEligible = topology.configuredAZs.contains(lhs.availabilityZoneName)
            let rhsEligible = topology.configuredAZs.contains(rhs.availabilityZoneName)
            if lhsEligible != rhsEligible { return lhsEligible }
            let lhsService = topology.serviceAZs.contains(lhs.availabilityZoneName)
            let rhsService = topology.serviceAZs.contains(rhs.availabilityZoneName)
            if lhsService != rhsService { return lhsService }
            return lhs.availabilityZoneName < rhs.availabilityZoneName
        }
    }

    // MARK: One Zone

    /// A One Zone file system allows one mount target, whatever `MAX_MOUNT_TARGETS` says.
    private func capForOneZone(_ maximum: Int) -> Int {
        observation.fileSystem?.isOneZone == true ? 1 : maximum
    }

    private var oneZoneHold: HoldReason? {
        guard let fileSystem = observation.fileSystem, let zone = fileSystem.availabilityZoneName else { return nil }
        return .oneZone(fileSystemId: fileSystem.id, availabilityZone: zone)
    }

    // MARK: Security groups

    /// Mount targets whose groups differ from `SECURITY_GROUP_ID`; owned ones are set back.
    /// Placed before the list and service repair, so a deployment forced in the same plan
    /// starts tasks that can mount.
    mutating func reconcileSecurityGroups() {
        securityGroupDrift = SecurityGroupDrift.find(in: observation, expected: policy.securityGroupIds)
        for drift in securityGroupDrift where drift.owned {
            repairActions.append(.setSecurityGroups(mountTargetId: drift.mountTargetId,
                                                    availabilityZone: drift.availabilityZone, groups: drift.expected))
        }
    }

    /// Every mount target the planner will never delete, and why, in AZ order.
    var protectedMountTargets: [ProtectedMountTarget] {
        observation.mountTargets.filter(\.occupiesAvailabilityZone)
            .sorted { ($0.availabilityZoneName, $0.id) < ($1.availabilityZoneName, $1.id) }
            .compactMap { target in
                if policy.protectedAZs.contains(target.availabilityZoneName) {
                    return ProtectedMountTarget(id: target.id, availabilityZone: target.availabilityZoneName, reason: .protectedAZ)
                }
                if !state.ownedMountTargetIds.contains(target.id) {
                    return ProtectedMountTarget(id: target.id, availabilityZone: target.availabilityZoneName, reason: .notOwned)
                }
                return nil
            }
    }

    // MARK: Repair

    /// Derive the list and the service's subnets from what EFS holds; change them only when they differ.
    mutating func repair() {
        published = topology.publishable(excluding: drainingId)
        var listChanged = false
        if observation.published != published {
            repairActions.append(.publish(published))
            listChanged = true
        }
        guard let service = observation.service else { return }
        var network: ServiceState.NetworkConfiguration?
        if policy.manageServiceSubnets {
            let subnets = desiredServiceSubnets(service)
            if !subnets.isEmpty, Set(subnets) != Set(service.subnets) {
                network = service.network
                network?.subnets = subnets
            }
        }
        if listChanged || network != nil || forceDeployment {
            if holdServiceUpdate(listOnly: network == nil && !forceDeployment) { return }
            repairActions.append(.updateService(ServiceUpdate(network: network, forceNewDeployment: true)))
        }
    }

    /// The service's subnets in served AZs, plus one subnet for each served AZ it does not use yet.
    private func desiredServiceSubnets(_ service: ServiceState) -> [String] {
        let served = topology.servedAZs(excluding: drainingId)
        if let candidates = policy.serviceSubnetIds { return serviceSubnets(from: candidates, served: served, service: service) }
        var subnets = service.subnets.filter { topology.azOfSubnet[$0].map(served.contains) ?? false }
        let covered = Set(subnets.compactMap { topology.azOfSubnet[$0] })
        for az in served.subtracting(covered).sorted() where az != settlingAZ {
            if let subnet = topology.eligibleSubnet[az]?.id ?? topology.occupant[az]?.subnetId { subnets.append(subnet) }
        }
        return subnets.sorted()
    }

    // MARK: Result

    func finish() -> Plan {
        // The clocks and the count cache are final only now; every recorded state carries them.
        var actions = (before + repairActions + after).map { action -> PlannedAction in
            guard case .recordState(var recorded) = action else { return action }
            recorded.lastCount = state.lastCount
            recorded.lowSignalSince = state.lowSignalSince
            return .recordState(recorded)
        }
        var bookkeeping: StateDocument?
        let recorded = actions.contains { if case .recordState = $0 { true } else { false } }
        if !recorded, state != observation.state {
            if actions.isEmpty { bookkeeping = state } else { actions.append(.recordState(state)) }
        }
        var reason = reasons.joined(separator: "; ")
        if reason.isEmpty {
            let repairs = repairActions.map(\.description)
            reason = repairs.isEmpty ? "nothing to do" : "repair: " + repairs.joined(separator: "; ")
        }
        return Plan(currentMountTargets: current, desiredMountTargets: desired, actions: actions,
                    bookkeeping: bookkeeping, published: published, reason: reason, hold: hold,
                    allAZsServed: topology.freeAZs.isEmpty,
                    thresholdExceeded: (observation.count.fileCount?.files ?? 0) > policy.fileCountThreshold,
                    protected: protectedMountTargets, drainHeld: drainHeld, failure: failure)
    }
}

// MARK: Scale-out: timeout, settle time, rollout, backoff (issue 17)

/// What became of a deployment the autoscaler forced, read from the service's deployments.
private enum Rollout {
    case completed(at: Date?)
    case failed(String)
    case inProgress
    /// The deployment controller reports no rollout state (CODE_DEPLOY, EXTERNAL), or the
    /// deployment cannot be found: nothing can be waited for.
    case unknown
}

extension Draft {
    var deploymentBackingOff: Bool { state.deploymentBackoff.map { now < $0.until } ?? false }

    /// Every run: did the last deployment this autoscaler forced complete, fail, or get rolled
    /// back? A failure is recorded once (keyed by when it was forced) and backs off further
    /// forced deployments; a completed one clears the backoff. A scale-out's deployment that
    /// completed moves `last_action_completed_at` to its completion (the cooldown counts from
    /// there); one still rolling out holds the next scale-out, for at most `SCALE_OUT_TIMEOUT_SECONDS`.
    mutating func watchLastDeployment() {
        guard var last = state.lastDeployment, last.completedAt == nil, let service = observation.service else { return }
        switch rollout(of: last, in: service) {
        case .completed(let at):
            let completion = min(at ?? now, now)
            last.completedAt = completion
            state.lastDeployment = last
            if last.scaleOutAvailabilityZone != nil {
                state.lastActionCompletedAt = max(state.lastActionCompletedAt ?? completion, completion)
            }
            if let backoff = state.deploymentBackoff, backoff.forcedAt < last.forcedAt { state.deploymentBackoff = nil }
        case .failed(let reason):
            if let backoff = state.deploymentBackoff, backoff.forcedAt >= last.forcedAt { return }
            let failures = (state.deploymentBackoff?.failures ?? 0) + 1
            let until = now.addingTimeInterval(Double(Backoff.seconds(afterFailures: failures)))
            state.deploymentBackoff = DeploymentBackoff(deploymentId: last.id, forcedAt: last.forcedAt, failures: failures,
                                                        until: until, reason: Backoff.shorten(reason))
            reasons.append("\(reason): no deployment is forced until \(DocumentCoding.format(until))")
        case .inProgress:
            if last.scaleOutAvailabilityZone != nil,
               now < last.forcedAt.addingTimeInterval(Double(policy.scaleOutTimeoutSeconds)) {
                awaitedRollout = last
            }
        case .unknown:
            break
        }
    }

    private func rollout(of last: ForcedDeployment, in service: ServiceState) -> Rollout {
        let ours = last.id.flatMap { id in service.deployments.first { $0.id == id } }
        if let ours {
            switch ours.rolloutState {
            case .completed?: return .completed(at: ours.updatedAt)
            case .failed?: return .failed("deployment \(ours.id) failed")
            case nil: return .unknown
            default: if ours.status == .primary { return .inProgress }
            }
        }
        // Ours was superseded or is gone (a circuit-breaker rollback drains it): the PRIMARY
        // started since tells what happened.
        guard let primary = service.primaryDeployment, primary.id != last.id,
              primary.createdAt.map({ $0 >= last.forcedAt }) ?? false else { return ours == nil ? .unknown : .inProgress }
        if let subnets = last.subnets, Set(service.subnets) != Set(subnets) {
            return .failed("deployment \(last.id ?? "?") was rolled back: the service's subnets are "
                + "\(service.subnets.sorted().joined(separator: ",")) again instead of \(subnets.joined(separator: ","))")
        }
        switch primary.rolloutState {
        case .completed?: return .completed(at: primary.updatedAt)
        case .failed?: return .failed("deployment \(primary.id) failed")
        case nil: return .unknown
        default: return .inProgress
        }
    }

    /// A pending scale-out whose mount target is `available`: published at once; its AZ goes to
    /// the service `MOUNT_TARGET_SETTLE_SECONDS` after it was first seen available, in one forced
    /// deployment whose rollout the next scale-out waits for (`watchLastDeployment`).
    mutating func settleAndRollOut(_ pending: PendingOperation, _ target: MountTarget) {
        let az = target.availabilityZoneName
        state.azBackoff[az] = nil
        guard let service = observation.service else {
            completeScaleOut(target, at: now)
            return
        }
        var settling = pending
        let availableAt = pending.availableAt ?? now
        settling.availableAt = availableAt
        state.pending = settling
        let settled = availableAt.addingTimeInterval(Double(policy.mountTargetSettleSeconds))
        if now < settled {
            settlingAZ = az
            hold = .settling(mountTargetId: target.id, availabilityZone: az, until: settled,
                             settleSeconds: policy.mountTargetSettleSeconds)
            return
        }
        if deploymentBackingOff {
            completeScaleOut(target, at: now, note: "; no deployment is forced while backing off, so the service gets \(az) later")
            return
        }
        // The list went out while the mount target settled, without a deployment: force the one
        // that carries it (and the new subnet), unless a run that lost its response already did.
        let forced = (state.lastDeployment?.forcedAt ?? .distantPast) >= settled || service.deployments.contains {
            $0.status == .primary && ($0.createdAt.map { $0 >= settled } ?? false)
        }
        if pending.availableAt != nil, !forced { forceDeployment = true }
        completeScaleOut(target, at: now, note: "; the next scale-out waits for the rollout that gives the service \(az)")
    }

    private mutating func completeScaleOut(_ target: MountTarget, at completion: Date, note: String = "") {
        state.pending = nil
        state.lastActionCompletedAt = completion
        after.append(.recordState(state))
        reasons.append("mount target \(target.id) in \(target.availabilityZoneName) is available: scale-out completes" + note)
    }

    /// A create still not `available` past `SCALE_OUT_TIMEOUT_SECONDS`: the run fails, the AZ
    /// backs off, and the mount target is deleted when this autoscaler created it and never
    /// published it (only `available` ones ever are); otherwise it is left alone.
    mutating func failTimedOutScaleOut(_ pending: PendingOperation, _ target: MountTarget) {
        let az = target.availabilityZoneName
        let waited = Int(now.timeIntervalSince(pending.startedAt))
        let error = "mount target \(target.id) still \(target.lifeCycleState) \(waited) s after the create "
            + "(SCALE_OUT_TIMEOUT_SECONDS=\(policy.scaleOutTimeoutSeconds))"
        state = state.folding(.mountTargetCreateFailed(availabilityZone: az, error: error, at: now))
        after.append(.recordState(state))
        let owned = state.ownedMountTargetIds.contains(target.id)
        let published = observation.published?.entries.contains { $0.mountTargetId == target.id } ?? false
        let cleanup: String
        if owned, !published {
            after.append(.deleteMountTarget(id: target.id, availabilityZone: az))
            cleanup = "deleting it"
        } else {
            cleanup = published ? "left in place: it is published" : "left in place: this autoscaler did not create it"
        }
        let until = state.azBackoff[az].map { DocumentCoding.format($0.until) } ?? "?"
        scaleOutFailure = "the scale-out in \(az) failed: \(error); \(cleanup); \(az) backs off until \(until)"
        hold = scaleOutFailure.map(HoldReason.scaleOutTimedOut)
    }

    /// Whether the repair's `UpdateService` waits: while a failed or rolled-back deployment backs
    /// off (unless a drain needs it), and while a new mount target settles when only the list
    /// changed (the deployment that adds its AZ carries the list too: one deployment, not two).
    mutating func holdServiceUpdate(listOnly: Bool) -> Bool {
        if let backoff = state.deploymentBackoff, now < backoff.until, drainingId == nil {
            notices.append("no deployment forced: \(backoff.reason); backing off until \(DocumentCoding.format(backoff.until))")
            return true
        }
        return listOnly && settlingAZ != nil
    }

    /// `SERVICE_SUBNET_IDS` in served AZs; a settling AZ's candidates only where the service has them already.
    func serviceSubnets(from candidates: [String], served: Set<String>, service: ServiceState) -> [String] {
        candidates.filter { id in
            guard let az = topology.azOfSubnet[id], served.contains(az) else { return false }
            return az != settlingAZ || service.subnets.contains(id)
        }.sorted()
    }

    mutating func noteServiceSubnets() {
        guard policy.manageServiceSubnets, policy.serviceSubnetIds == nil, observation.service != nil else { return }
        notices.append("SERVICE_SUBNET_IDS is not set: the service gets the mount targets' subnets "
            + "(set it when the tasks run in subnets of their own)")
    }
}
