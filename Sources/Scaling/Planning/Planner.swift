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
        draft.resumePending()
        draft.cleanUpFailedMountTargets()
        draft.decide()
        draft.reconcileSecurityGroups()
        draft.repair()
        var plan = draft.finish()
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
    var holdReason: String?
    var reasons: [String] = []
    var desired: Int
    var published: MountTargetList
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
        let recorded = pending.mountTargetId.flatMap { id in observation.mountTargets.first { $0.id == id } }
        switch pending.kind {
        case .scaleOut:
            // Whatever holds the AZ now is the result of this scale-out (adopted if someone else made it).
            resumeScaleOut(pending, recorded ?? topology.occupant[pending.availabilityZone])
        case .scaleInDrain:
            // Only ever the recorded mount target: a newer one in the same AZ was never drained.
            resumeDrain(pending, pending.mountTargetId == nil ? topology.occupant[pending.availabilityZone] : recorded)
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
            state.pending = nil
            state.lastActionCompletedAt = now
            after.append(.recordState(state))
            reasons.append("mount target \(target.id) in \(target.availabilityZoneName) is available: scale-out completes")
        case .creating, .updating, .other:
            after.append(.waitAvailable(availabilityZone: target.availabilityZoneName))
            holdReason = "waiting for mount target \(target.id) in \(target.availabilityZoneName) to become available"
        case .deleting, .deleted, .error:
            state.pending = nil
            after.append(.recordState(state))
            holdReason = "the new mount target \(target.id) is \(target.lifeCycleState); the scale-out is abandoned"
        }
    }

    private mutating func resumeDrain(_ pending: PendingOperation, _ target: MountTarget?) {
        busy = true
        drainingId = target?.id ?? pending.mountTargetId
        guard let target, target.lifeCycleState != .deleting, target.lifeCycleState != .deleted else {
            // Deleted by a run that did not get to record it.
            state.pending = nil
            state.lastActionCompletedAt = state.lastActionCompletedAt.map { max($0, pending.startedAt) } ?? now
            after.append(.recordState(state))
            reasons.append("the drained mount target in \(pending.availabilityZone) is gone: scale-in completes")
            return
        }
        let timedOut = now >= pending.startedAt.addingTimeInterval(Double(policy.drainTimeoutSeconds))
        var drained = timedOut
        if let service = observation.service {
            // Without a recorded id (the response or the state write was lost), a PRIMARY
            // deployment created since the drain started is the one that moves the tasks.
            let since = service.deployments.contains {
                $0.status == "PRIMARY" && ($0.createdAt.map { $0 >= pending.startedAt } ?? false)
            }
            // Past the drain timeout the drain ends whatever ECS shows (DESIGN.md §3); otherwise a
            // deployment id that is never recorded would redeploy the service on every run.
            if pending.deploymentId == nil, !since, !timedOut {
                forceDeployment = true
                holdReason = "draining \(target.id): forcing the deployment that moves tasks away"
                return
            }
            if let primary = service.primaryDeployment, primary.rolloutState == "COMPLETED",
               primary.id == pending.deploymentId || (primary.createdAt.map { $0 >= pending.startedAt } ?? false) {
                drained = true
            }
        }
        if drained {
            state.pending = nil
            state.lastActionCompletedAt = now
            after.append(.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName))
            after.append(.recordState(state))
            reasons.append(timedOut && observation.service?.primaryDeployment?.rolloutState != "COMPLETED"
                ? "drain of \(target.id) timed out after \(policy.drainTimeoutSeconds) s: deleting it"
                : "tasks moved away from \(target.id): deleting it")
        } else {
            holdReason = "draining \(target.id) in \(target.availabilityZoneName): waiting for the deployment to complete"
        }
    }

    /// A mount target in `error` state serves nobody and blocks its AZ: delete it. It was never
    /// published (only `available` ones are), so no client can be using it.
    mutating func cleanUpFailedMountTargets() {
        for target in topology.occupant.values.sorted(by: { $0.id < $1.id }) where target.lifeCycleState == .error {
            if after.contains(.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName)) { continue }
            after.append(.deleteMountTarget(id: target.id, availabilityZone: target.availabilityZoneName))
            reasons.append("mount target \(target.id) in \(target.availabilityZoneName) is in error: deleting it")
            busy = true
        }
    }

    // MARK: Scale decision

    mutating func decide() {
        let eligibleAZs = topology.eligibleSubnet.count
        let maximum = capForOneZone(max(1, policy.maxMountTargets ?? eligibleAZs))
        let minimum = min(policy.minMountTargets, maximum)
        let count = observation.count.completeCount
        var target = current
        var lowSignal = false
        if let count {
            switch Sizing.signal(files: count.files, current: current, policy: policy) {
            case .grow(let size): target = size
            case .shrink(let size):
                lowSignal = true
                target = size
            case .steady: break
            }
        }
        state.lowSignalSince = lowSignal ? (state.lowSignalSince ?? now) : nil
        desired = max(1, min(max(target, minimum), maximum))

        if busy {
            if desired != current, holdReason == nil {
                holdReason = state.pending == nil && state.lastActionCompletedAt == now
                    ? "an action completed in this run; the cooldown starts now"
                    : "an operation is in flight"
            }
            return
        }
        let inTransit = topology.occupant.values.sorted { $0.id < $1.id }.first { $0.lifeCycleState != .available }
        if let transit = inTransit {
            holdReason = "mount target \(transit.id) in \(transit.availabilityZoneName) is \(transit.lifeCycleState)"
            return
        }
        if count == nil, desired <= current {
            holdReason = countHoldReason
            return
        }
        if desired > current {
            scaleOut(target: target, maximum: maximum)
        } else if desired < current {
            scaleIn(lowSignal: lowSignal)
        } else if target > current {
            holdReason = oneZoneHoldReason ?? (topology.freeAZs.isEmpty
                ? "every eligible AZ already has a mount target"
                : "at MAX_MOUNT_TARGETS (\(maximum))")
        } else if lowSignal, target < current {
            holdReason = "at MIN_MOUNT_TARGETS (\(minimum))"
        }
    }

    private var countHoldReason: String {
        switch observation.count {
        case .failed(let reason): "no file count (\(reason)): holding"
        case .counted(let count, _): "the file count is incomplete (\(count.files) so far): holding"
        }
    }

    private var cooldownEnds: Date? {
        guard let last = state.lastActionCompletedAt else { return nil }
        let end = last.addingTimeInterval(Double(policy.scaleOutCooldownSeconds))
        return now < end ? end : nil
    }

    private mutating func scaleOut(target: Int, maximum: Int) {
        if let end = cooldownEnds {
            holdReason = "cooling down until \(DocumentCoding.format(end))"
            return
        }
        guard let az = topology.freeAZs.first, let subnet = topology.eligibleSubnet[az] else {
            holdReason = "every eligible AZ already has a mount target"
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
            holdReason = "low signal since \(DocumentCoding.format(since)); stabilizing for \(policy.scaleInStabilizationSeconds) s"
            return
        }
        if let end = cooldownEnds {
            holdReason = "cooling down until \(DocumentCoding.format(end))"
            return
        }
        guard let victim = scaleInVictim() else {
            holdReason = "every mount target serves a subnet of the service; set MANAGE_SERVICE_SUBNETS=true to scale in"
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

    /// The AZ to give up: one outside the eligible set first, then (when the service's subnets are
    /// not managed) one the service does not run in, then the highest AZ name (scale-out takes
    /// names in ascending order, so this undoes the most recent growth).
    private func scaleInVictim() -> MountTarget? {
        let candidates = topology.occupant.values.filter {
            policy.manageServiceSubnets || !topology.serviceAZs.contains($0.availabilityZoneName)
        }
        return candidates.max { lhs, rhs in
            let lhsEligible = topology.eligibleSubnet[lhs.availabilityZoneName] != nil
            let rhsEligible = topology.eligibleSubnet[rhs.availabilityZoneName] != nil
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

    private var oneZoneHoldReason: String? {
        guard let fileSystem = observation.fileSystem, let zone = fileSystem.availabilityZoneName else { return nil }
        return "\(fileSystem.id) is a One Zone file system in \(zone): it allows one mount target"
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
            repairActions.append(.updateService(ServiceUpdate(network: network, forceNewDeployment: true)))
        }
    }

    /// The service's subnets in served AZs, plus one subnet for each served AZ it does not use yet.
    private func desiredServiceSubnets(_ service: ServiceState) -> [String] {
        let served = topology.servedAZs(excluding: drainingId)
        var subnets = service.subnets.filter { topology.azOfSubnet[$0].map(served.contains) ?? false }
        let covered = Set(subnets.compactMap { topology.azOfSubnet[$0] })
        for az in served.subtracting(covered).sorted() {
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
                    bookkeeping: bookkeeping, published: published, reason: reason, holdReason: holdReason,
                    allAZsServed: topology.freeAZs.isEmpty,
                    thresholdExceeded: (observation.count.fileCount?.files ?? 0) > policy.fileCountThreshold)
    }
}
