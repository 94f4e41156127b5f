import Foundation
import Testing
@testable import Scaling

extension Policy {
    /// This policy with `MOUNT_TARGET_SETTLE_SECONDS` set.
    func settling(_ seconds: Int) -> Policy {
        var policy = self
        policy.mountTargetSettleSeconds = seconds
        return policy
    }
}

/// Issue 17, scale-out: creates that never come or fail in an AZ, the settle time, the service's
/// own subnets, rolled-back deployments and the cooldown counted from the rollout's completion.
@Suite struct PlannerScaleOutTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 10),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 50),
        Subnet(id: "subnet-0d1", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01"),
    ]
    /// The application tier: where the tasks run (SERVICE_SUBNET_IDS).
    let appSubnets = [
        Subnet(id: "subnet-aa1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01"),
        Subnet(id: "subnet-cc1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01"),
        Subnet(id: "subnet-dd1", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01"),
    ]

    func target(_ id: String, _ az: String, _ subnet: String, _ state: MountTarget.LifeCycleState = .available) -> MountTarget {
        MountTarget(id: id, availabilityZoneName: az, subnetId: subnet, ipAddress: "10.0.0.\(id.count)", lifeCycleState: state)
    }

    func observation(files: Int = 200_000, targets: [MountTarget], service: ServiceState? = nil, state: StateDocument = .initial,
                     published: MountTargetList? = nil) -> Observation {
        Observation(count: .counted(FileCount(files: files, complete: true, measuredAt: now, durationMs: 3), cached: false),
                    mountTargets: targets, eligibleSubnets: subnets, otherSubnets: appSubnets, service: service, state: state,
                    published: published ?? MountTargetList(mountTargets: targets.filter { $0.lifeCycleState == .available }))
    }

    func service(_ subnets: [String], _ deployments: [ServiceState.Deployment] = [
        .init(id: "d1", status: "PRIMARY", rolloutState: "COMPLETED"),
    ]) -> ServiceState {
        ServiceState(deployments: deployments, network: .init(subnets: subnets, securityGroups: ["sg-1"]))
    }

    var a: MountTarget { target("fsmt-a", "ap-northeast-1a", "subnet-0a1") }

    func updates(_ plan: Plan) -> [ServiceUpdate] {
        plan.actions.compactMap { if case .updateService(let update) = $0 { update } else { nil } }
    }

    func recorded(_ plan: Plan) -> StateDocument? {
        plan.actions.reversed().lazy.compactMap { if case .recordState(let state) = $0 { state } else { nil } }.first ?? plan.bookkeeping
    }

    // MARK: SCALE_OUT_TIMEOUT_SECONDS

    func creatingFor(_ seconds: Double, owned: Bool) -> Observation {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1", .creating)
        let pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                       mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-seconds))
        return observation(targets: [a, c], state: StateDocument(pending: pending, ownedMountTargetIds: owned ? ["fsmt-c"] : []))
    }

    @Test func aCreateStillCreatingPastTheTimeoutFailsIsDeletedAndItsAZBacksOff() throws {
        let plan = Planner.plan(creatingFor(1801, owned: true), policy: Policy(), now: now)
        #expect(!plan.actions.contains(.waitAvailable(availabilityZone: "ap-northeast-1c")), "\(plan.actions)")
        #expect(plan.actions.contains(.deleteMountTarget(id: "fsmt-c", availabilityZone: "ap-northeast-1c")))
        let failure = try #require(plan.scaleOutFailure)
        #expect(failure.contains("SCALE_OUT_TIMEOUT_SECONDS=1800") && failure.contains("deleting it"))
        let state = try #require(recorded(plan))
        #expect(state.pending == nil)
        let backoff = try #require(state.azBackoff["ap-northeast-1c"])
        #expect(backoff.failures == 1 && backoff.until == now.addingTimeInterval(300))
        // The state is written before the delete, so a crash in between still remembers the failure.
        let recordIndex = try #require(plan.actions.firstIndex { if case .recordState = $0 { true } else { false } })
        let deleteIndex = try #require(plan.actions.firstIndex(of: .deleteMountTarget(id: "fsmt-c", availabilityZone: "ap-northeast-1c")))
        #expect(recordIndex < deleteIndex)
    }

    @Test func aTimedOutCreateThisAutoscalerDidNotMakeIsLeftInPlace() throws {
        let plan = Planner.plan(creatingFor(4000, owned: false), policy: Policy(), now: now)
        #expect(!plan.actions.contains { if case .deleteMountTarget = $0 { true } else { false } })
        #expect(plan.scaleOutFailure?.contains("did not create it") == true)
        #expect(recorded(plan)?.azBackoff["ap-northeast-1c"] != nil)
    }

    @Test func beforeTheTimeoutTheCreateIsStillWaitedFor() {
        var policy = Policy()
        policy.scaleOutTimeoutSeconds = 3600
        let plan = Planner.plan(creatingFor(1801, owned: true), policy: policy, now: now)
        #expect(plan.actions.contains(.waitAvailable(availabilityZone: "ap-northeast-1c")))
        #expect(plan.scaleOutFailure == nil)
    }

    // MARK: Backoff per AZ

    @Test func aBackingOffAZIsSkippedForTheNextFreeOne() {
        var state = StateDocument()
        state.azBackoff["ap-northeast-1c"] = AZBackoff(failures: 2, failedAt: now.addingTimeInterval(-60),
                                                       until: now.addingTimeInterval(540), lastError: "NoFreeAddressesInSubnet: full")
        let plan = Planner.plan(observation(targets: [a], state: state), policy: Policy(), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")), "\(plan.actions)")
        // Once the backoff ended, the AZ is first in line again.
        let later = Planner.plan(observation(targets: [a], state: state), policy: Policy(), now: now.addingTimeInterval(541))
        #expect(later.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1")))
    }

    @Test func whenEveryFreeAZBacksOffThePlanHoldsAndSaysUntilWhen() {
        var state = StateDocument()
        for az in ["ap-northeast-1c", "ap-northeast-1d"] {
            state.azBackoff[az] = AZBackoff(failures: 1, failedAt: now, until: now.addingTimeInterval(300), lastError: "UnsupportedAvailabilityZone")
        }
        let plan = Planner.plan(observation(targets: [a], state: state), policy: Policy(), now: now)
        #expect(plan.actions.filter { if case .createMountTarget = $0 { true } else { false } }.isEmpty)
        #expect(plan.hold?.code == "azs_backing_off" && plan.holdReason?.contains("ap-northeast-1d until") == true,
                "\(plan.holdReason ?? "")")
    }

    @Test func aNewMountTargetEndingInErrorBacksOffItsAZ() throws {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1", .error)
        let pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                       mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-120))
        let plan = Planner.plan(observation(targets: [a, c], state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-c"])),
                                policy: Policy(), now: now)
        let backoff = try #require(recorded(plan)?.azBackoff["ap-northeast-1c"])
        #expect(backoff.failures == 1 && backoff.lastError.contains("ended in error"))
    }

    @Test func anAvailableMountTargetClearsItsAZsBackoff() {
        var state = StateDocument(pending: PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                                            mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-120)))
        state.azBackoff["ap-northeast-1c"] = AZBackoff(failures: 3, failedAt: now.addingTimeInterval(-5000), until: now.addingTimeInterval(-1),
                                                       lastError: "x")
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        let plan = Planner.plan(observation(targets: [a, c], state: state, published: MountTargetList(mountTargets: [a])),
                                policy: Policy(), now: now)
        #expect(recorded(plan)?.azBackoff.isEmpty == true)
    }

    @Test func failuresDoubleTheBackoffUpToADayAndAFailureFoldsOnce() {
        var state = StateDocument(pending: PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                                            startedAt: now))
        var at = now
        var waits: [Double] = []
        for _ in 0..<12 {
            state = state.folding(.mountTargetCreateFailed(availabilityZone: "ap-northeast-1c", error: "NoFreeAddressesInSubnet", at: at))
            let entry = state.azBackoff["ap-northeast-1c"]!
            waits.append(entry.until.timeIntervalSince(at))
            at = entry.until
        }
        #expect(state.pending == nil, "a failed create ends the pending scale-out")
        #expect(Array(waits.prefix(4)) == [300, 600, 1200, 2400])
        #expect(waits.last == 86_400)
        let again = state.folding(.mountTargetCreateFailed(availabilityZone: "ap-northeast-1c", error: "again", at: state.azBackoff["ap-northeast-1c"]!.failedAt))
        #expect(again == state, "the same failure folded twice counts once")
    }

    // MARK: MOUNT_TARGET_SETTLE_SECONDS

    @Test func aNewMountTargetIsPublishedAtOnceAndItsAZGoesToTheServiceAfterTheSettleTime() throws {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        let pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                       mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-120))
        let policy = Policy(manageServiceSubnets: true)
        let first = Planner.plan(observation(targets: [a, c], service: service(["subnet-0a1"]), state: StateDocument(pending: pending),
                                             published: MountTargetList(mountTargets: [a])), policy: policy, now: now)
        #expect(first.actions.contains(.publish(MountTargetList(mountTargets: [a, c]))))
        #expect(updates(first).isEmpty, "no deployment while the mount target settles: \(first.actions)")
        let settling = try #require(recorded(first))
        #expect(settling.pending?.availableAt == now)
        #expect(first.hold?.code == "mount_target_settling" && first.holdReason?.contains("MOUNT_TARGET_SETTLE_SECONDS=90") == true)

        // A run 60 s later continues the wait; it changes nothing.
        let early = Planner.plan(observation(targets: [a, c], service: service(["subnet-0a1"]), state: settling),
                                 policy: policy, now: now.addingTimeInterval(60))
        #expect(early.actions.isEmpty, "\(early.actions)")

        // 90 s after it was first seen available: subnet and deployment in one call; the scale-out completes.
        let settled = Planner.plan(observation(targets: [a, c], service: service(["subnet-0a1"]), state: settling),
                                   policy: policy, now: now.addingTimeInterval(90))
        #expect(updates(settled) == [ServiceUpdate(network: .init(subnets: ["subnet-0a1", "subnet-0c1"], securityGroups: ["sg-1"]),
                                                   forceNewDeployment: true)])
        #expect(recorded(settled)?.pending == nil)
    }

    @Test func withoutManagedSubnetsTheSettledMountTargetStillGetsItsDeployment() {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        var pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                       mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-300))
        pending.availableAt = now.addingTimeInterval(-100)
        let plan = Planner.plan(observation(targets: [a, c], service: service(["subnet-0a1"]), state: StateDocument(pending: pending)),
                                policy: Policy(), now: now)
        #expect(updates(plan) == [ServiceUpdate(network: nil, forceNewDeployment: true)])
    }

    // MARK: SERVICE_SUBNET_IDS

    @Test func serviceSubnetIdsPutTheServiceOnItsOwnSubnetsInServedAZs() {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        var policy = Policy(manageServiceSubnets: true)
        policy.serviceSubnetIds = ["subnet-aa1", "subnet-cc1", "subnet-dd1"]
        let plan = Planner.plan(observation(files: 10, targets: [a, c], service: service(["subnet-aa1"])), policy: policy, now: now)
        #expect(updates(plan) == [ServiceUpdate(network: .init(subnets: ["subnet-aa1", "subnet-cc1"], securityGroups: ["sg-1"]),
                                                forceNewDeployment: true)], "\(plan.actions)")
        #expect(plan.notices.isEmpty)
    }

    @Test func withoutServiceSubnetIdsThePlanSaysTheServiceGetsTheMountTargetSubnets() {
        let plan = Planner.plan(observation(files: 10, targets: [a], service: service(["subnet-0a1"])),
                                policy: Policy(manageServiceSubnets: true), now: now)
        #expect(plan.notices.contains { $0.contains("SERVICE_SUBNET_IDS is not set") })
        let unmanaged = Planner.plan(observation(files: 10, targets: [a], service: service(["subnet-0a1"])), policy: Policy(), now: now)
        #expect(unmanaged.notices.isEmpty)
    }

    // MARK: Rolled-back deployments

    func rolledBackWorld(state: StateDocument) -> Observation {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        // The circuit breaker rolled d2 back: a newer PRIMARY runs the previous subnets again.
        let rollback = ServiceState.Deployment(id: "d3", status: "PRIMARY", rolloutState: "COMPLETED",
                                               createdAt: now.addingTimeInterval(-200), updatedAt: now.addingTimeInterval(-100))
        return observation(files: 10, targets: [a, c], service: service(["subnet-0a1"], [rollback]), state: state)
    }

    @Test func aRolledBackDeploymentIsNotForcedAgainEveryRun() throws {
        var state = StateDocument(lastActionCompletedAt: now.addingTimeInterval(-600))
        state.lastDeployment = ForcedDeployment(id: "d2", forcedAt: now.addingTimeInterval(-600), subnets: ["subnet-0a1", "subnet-0c1"],
                                                scaleOutAvailabilityZone: "ap-northeast-1c")
        let policy = Policy(manageServiceSubnets: true)
        let plan = Planner.plan(rolledBackWorld(state: state), policy: policy, now: now)
        #expect(updates(plan).isEmpty, "\(plan.actions)")
        let backoff = try #require(recorded(plan)?.deploymentBackoff)
        #expect(backoff.deploymentId == "d2" && backoff.failures == 1 && backoff.until == now.addingTimeInterval(300))
        #expect(backoff.reason.contains("rolled back"))
        #expect(plan.notices.contains { $0.contains("no deployment forced") })

        // The next run, still within the backoff: nothing forced, the failure not counted again.
        let recordedState = try #require(recorded(plan))
        let next = Planner.plan(rolledBackWorld(state: recordedState), policy: policy, now: now.addingTimeInterval(120))
        #expect(updates(next).isEmpty)
        #expect((recorded(next) ?? recordedState).deploymentBackoff?.failures == 1)

        // After it: tried again.
        let after = Planner.plan(rolledBackWorld(state: recordedState), policy: policy, now: now.addingTimeInterval(301))
        #expect(updates(after).count == 1)
    }

    @Test func aFailedRolloutBacksOffToo() throws {
        var state = StateDocument()
        state.lastDeployment = ForcedDeployment(id: "d2", forcedAt: now.addingTimeInterval(-600), subnets: nil)
        let failed = ServiceState.Deployment(id: "d2", status: "PRIMARY", rolloutState: "FAILED", createdAt: now.addingTimeInterval(-600))
        let stale = MountTargetList([.init(mountTargetId: "fsmt-x", ipAddress: "10.9.9.9", availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")])
        let plan = Planner.plan(observation(files: 10, targets: [a], service: service(["subnet-0a1"], [failed]), state: state,
                                            published: stale), policy: Policy(), now: now)
        #expect(plan.actions.contains(.publish(MountTargetList(mountTargets: [a]))), "the list is still repaired")
        #expect(updates(plan).isEmpty)
        #expect(recorded(plan)?.deploymentBackoff?.reason == "deployment d2 failed")
    }

    // MARK: Cooldown from the rollout's completion

    func cooldownWorld(completed: Bool, updatedAt: Date? = nil, forcedAt: Date) -> Observation {
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        var state = StateDocument(lastActionCompletedAt: forcedAt)
        state.lastDeployment = ForcedDeployment(id: "d2", forcedAt: forcedAt, subnets: ["subnet-0a1", "subnet-0c1"],
                                                scaleOutAvailabilityZone: "ap-northeast-1c")
        // Literals, so that the test reads the same whether the model spells rollout states as strings or an enum.
        let deployment = completed
            ? ServiceState.Deployment(id: "d2", status: "PRIMARY", rolloutState: "COMPLETED", createdAt: forcedAt, updatedAt: updatedAt ?? forcedAt)
            : ServiceState.Deployment(id: "d2", status: "PRIMARY", rolloutState: "IN_PROGRESS", createdAt: forcedAt, updatedAt: updatedAt ?? forcedAt)
        return observation(files: 900_000, targets: [a, c], service: service(["subnet-0a1", "subnet-0c1"], [deployment]), state: state)
    }

    @Test func theScaleOutCooldownCountsFromTheRolloutsCompletion() throws {
        let forced = now.addingTimeInterval(-400)
        // Past the cooldown counted from UpdateService, but the rollout is still going.
        let rolling = Planner.plan(cooldownWorld(completed: false, forcedAt: forced), policy: Policy(), now: now)
        #expect(!rolling.actions.contains { if case .createMountTarget = $0 { true } else { false } }, "\(rolling.actions)")
        #expect(rolling.hold?.code == "awaiting_rollout" && rolling.holdReason?.contains("waiting for deployment d2") == true, "\(rolling.holdReason ?? "")")

        // Completed 350 s after it was forced: the cooldown runs until 300 s after that.
        let completedAt = forced.addingTimeInterval(350)
        let cooling = Planner.plan(cooldownWorld(completed: true, updatedAt: completedAt, forcedAt: forced), policy: Policy(), now: now)
        #expect(cooling.hold == .scaleOutCooldown(until: completedAt.addingTimeInterval(300)))
        #expect(recorded(cooling)?.lastActionCompletedAt == completedAt)
        let state = try #require(recorded(cooling))
        let world = cooldownWorld(completed: true, updatedAt: completedAt, forcedAt: forced)
        var next = world
        next.state = state
        let grow = Planner.plan(next, policy: Policy(), now: completedAt.addingTimeInterval(300))
        #expect(grow.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")))
    }

    @Test func aRolloutThatNeverCompletesHoldsAtMostTheScaleOutTimeout() {
        let forced = now.addingTimeInterval(-1801)
        let plan = Planner.plan(cooldownWorld(completed: false, forcedAt: forced), policy: Policy(), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")))
    }

    @Test func scaleInHasItsOwnCooldown() {
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        // fsmt-d is ours: only mount targets this autoscaler created are ever scaled in.
        let state = StateDocument(lastActionCompletedAt: now.addingTimeInterval(-500), lowSignalSince: now.addingTimeInterval(-1000),
                                  ownedMountTargetIds: ["fsmt-d"])
        var policy = Policy(scaleInThreshold: 50, scaleOutCooldownSeconds: 0, manageServiceSubnets: true)
        policy.scaleInCooldownSeconds = 1000
        let plan = Planner.plan(observation(files: 10, targets: [a, d], state: state), policy: policy, now: now)
        #expect(plan.hold == .scaleInCooldown(until: now.addingTimeInterval(500)), "\(plan.holdReason ?? "")")
        // Unset, SCALE_OUT_COOLDOWN_SECONDS gates scale-in as it always did.
        policy.scaleInCooldownSeconds = nil
        let old = Planner.plan(observation(files: 10, targets: [a, d], state: state), policy: policy, now: now)
        #expect(old.actions.contains { if case .recordState(let recorded) = $0 { recorded.pending?.kind == .scaleInDrain } else { false } })
    }
}
