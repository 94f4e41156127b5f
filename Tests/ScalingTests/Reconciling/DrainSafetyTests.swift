import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// Issue 16 §1 and §2 against the in-memory ECS that keeps each deployment's own subnets and
/// running tasks: the scale-in scenarios where today's AWS differs from a kind emulator. Each
/// ends with zero deletes under a client. Every test here fails on the drain of before issue 16
/// (it ended on the PRIMARY's `rolloutState` or the timeout and deleted whatever still ran).
@Suite struct DrainSafetyTests {
    static let c = MountTarget(id: "fsmt-0c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1",
                               ipAddress: "10.0.3.10", lifeCycleState: .available)
    static let d = MountTarget(id: "fsmt-0d", availabilityZoneName: "ap-northeast-1d", subnetId: "subnet-0d1",
                               ipAddress: "10.0.4.10", lifeCycleState: .available)

    /// 1a and 1c served, the service running in both, fsmt-0c created by the autoscaler, the
    /// count low: the next run starts draining 1c.
    static func world(_ extra: [String: String] = [:], existing: [MountTarget] = [Harness.initialTarget, c],
                      owned: [String] = ["fsmt-0c"]) async throws -> Harness {
        let world = try Harness(files: 10, extra: ["SCALE_IN_STABILIZATION_SECONDS": "0", "DRAIN_MIN_SECONDS": "60",
                                                   "DRAIN_TIMEOUT_SECONDS": "600"].merging(extra) { _, new in new },
                                existing: existing)
        try await world.own(owned)
        let subnets = existing.map(\.subnetId).sorted()
        _ = try await world.service.updateService(ServiceUpdate(network: .init(subnets: subnets, securityGroups: ["sg-0aaa"]),
                                                                forceNewDeployment: false))
        await world.service.completeRollout()
        return world
    }

    /// The first run of the drain: unpublished, service moved to 1a, a deployment forced.
    static func startDrain(_ world: Harness) async throws {
        let drain = try await world.run()
        #expect(drain.error == nil, "\(drain.json())")
        #expect(try await world.state()?.pending?.kind == .scaleInDrain)
        #expect(await world.service.state.subnets == ["subnet-0a1"])
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget]))
    }

    static func deletes(_ world: Harness) async -> [String] {
        await world.fileSystem.mutations.filter { $0.hasPrefix("delete") }
    }

    @Test func aRollbackDuringTheDrainRestartsItAndDeletesNothingUnderTheRolledBackTasks() async throws {
        let world = try await Self.world()
        try await Self.startDrain(world)
        // The circuit breaker rolls back: the previous revision's network (1a and 1c) comes back
        // and its rollout completes, so the PRIMARY is COMPLETED and newer than the drain.
        await world.service.rollBack()
        await world.service.completeRollout()
        world.clock.advance(by: 120)
        let restart = try await world.run()
        #expect(restart.error == nil, "\(restart.json())")
        #expect(await Self.deletes(world) == [], "never deleted under the rolled-back tasks in 1c")
        #expect(restart.drainHeld == [.serviceSubnets])
        // The signal still asks for fewer: the drain starts over and moves the service away again.
        let pending = try #require(try await world.state()?.pending)
        let now = world.clock.now()
        #expect(pending.kind == .scaleInDrain && pending.startedAt == now, "the drain's clock starts over")
        #expect(await world.service.state.subnets == ["subnet-0a1"])
        #expect(!restart.actions.contains { $0.action == "delete_mount_target" })
        try await world.checkInvariant()

        // That new deployment completes and moves the tasks: only now is 1c deleted.
        await world.service.completeRollout()
        world.clock.advance(by: 120)
        let done = try await world.run()
        #expect(done.error == nil, "\(done.json())")
        #expect(await Self.deletes(world) == ["delete fsmt-0c"])
        try await world.checkInvariant()
    }

    @Test func anotherActorsDeployBackIntoTheAZAbandonsTheScaleInWhenTheSignalNoLongerCallsForIt() async throws {
        let world = try await Self.world()
        try await Self.startDrain(world)
        await world.service.deployElsewhere(subnets: ["subnet-0a1", "subnet-0c1"])
        await world.service.completeRollout()
        await world.counter.set(.files(50_000))  // between the thresholds: no reason to shrink any more
        world.clock.advance(by: 120)
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await Self.deletes(world) == [])
        #expect(try await world.state()?.pending == nil, "the scale-in is abandoned")
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget, Self.c]), "published again")
        try await world.checkInvariant()
    }

    @Test func aRunTaskLeftInTheAZHoldsTheDrainAndTheTimeoutFailsLoudlyWithoutDeleting() async throws {
        let world = try await Self.world()
        await world.service.setOtherTasks([ClusterTask(arn: "arn:aws:ecs:task/batch/1", subnetId: "subnet-0c1", availabilityZone: nil)])
        try await Self.startDrain(world)
        await world.service.completeRollout()  // the service's own tasks left 1c
        world.clock.advance(by: 120)
        let held = try await world.run()
        #expect(held.error == nil)
        #expect(held.drainHeld == [.clusterTasks] && held.hold?.code == "draining" && held.holdReason?.contains("arn:aws:ecs:task/batch/1") == true,
                "\(held.json())")
        #expect(await Self.deletes(world) == [])

        world.clock.advance(by: 600)  // past DRAIN_TIMEOUT_SECONDS, the task still there
        let timedOut = try await world.run()
        let error = try #require(timedOut.error, "a drain that times out with users left fails the run")
        #expect(error.contains("timed out") && error.contains("arn:aws:ecs:task/batch/1"))
        #expect(timedOut.drainTimedOut && timedOut.drainHeld == [.clusterTasks])
        #expect(await Self.deletes(world) == [], "deleting under a running task is never the fallback")
        #expect(try await world.state()?.pending?.kind == .scaleInDrain, "the mount target stays, still drained")
        try await world.checkInvariant()

        // The task ends: the next run deletes.
        await world.service.setOtherTasks([])
        let done = try await world.run()
        #expect(done.error == nil, "\(done.json())")
        #expect(await Self.deletes(world) == ["delete fsmt-0c"])
    }

    @Test func aFailedRolloutLeavesTheOldTasksRunningAndNothingIsDeleted() async throws {
        let world = try await Self.world()
        try await Self.startDrain(world)
        await world.service.failRollout()  // the old deployment keeps its tasks in 1a and 1c
        world.clock.advance(by: 700)
        let report = try await world.run()
        #expect(report.error?.contains("timed out") == true, "\(report.json())")
        #expect(report.drainHeld.contains(.deploymentTasks) && report.drainHeld.contains(.clusterTasks))
        #expect(await Self.deletes(world) == [])
    }

    @Test func aServiceWithoutRolloutStateDrainsOnItsTasksNotOnTheTimeout() async throws {
        let world = try await Self.world()
        try await Self.startDrain(world)
        await world.service.completeRollout()
        await world.service.forgetRolloutStates()  // CODE_DEPLOY / EXTERNAL controllers never report it
        world.clock.advance(by: 120)  // past DRAIN_MIN (60 s), far from the timeout (600 s)
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await Self.deletes(world) == ["delete fsmt-0c"], "tasks left 1c: no need to wait for the timeout")
    }

    @Test func theTerraformOwnedMountTargetInTheHighestAZIsNeverTheVictim() async throws {
        let world = try await Self.world(existing: [Harness.initialTarget, Self.c, Self.d], owned: ["fsmt-0c"])
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(try await world.state()?.pending?.mountTargetId == "fsmt-0c", "the owned one, not the highest AZ's")
        #expect(report.protected.map(\.id) == ["fsmt-0a", "fsmt-0d"])
        #expect(report.protected.allSatisfy { $0.reason == .notOwned })
        try await world.checkInvariant()
    }

    @Test func protectedAZsAreNeverDrainedEvenWhenOwned() async throws {
        let world = try await Self.world(["PROTECTED_AZS": "ap-northeast-1d"], existing: [Harness.initialTarget, Self.c, Self.d],
                                         owned: ["fsmt-0c", "fsmt-0d"])
        let report = try await world.run()
        #expect(try await world.state()?.pending?.mountTargetId == "fsmt-0c")
        #expect(report.protected.contains(ProtectedMountTarget(id: "fsmt-0d", availabilityZone: "ap-northeast-1d", reason: .protectedAZ)))
    }

    @Test func aScaleInWithNoOwnedCandidateHoldsAndSaysSo() async throws {
        let world = try await Self.world(owned: [])
        let report = try await world.run()
        #expect(report.error == nil && report.actions.isEmpty, "\(report.json())")
        #expect(report.hold?.code == "nothing_deletable", "\(report.holdReason ?? "")")
        #expect(try await world.state()?.pending == nil)
        #expect(await world.service.deploymentsStarted == 1, "no drain deployment")
    }

    @Test func aPendingDrainWithoutAMountTargetIdIsDroppedNotResolvedToTheAZsOccupant() async throws {
        let world = try await Self.world(["DRAIN_MIN_SECONDS": "0"])
        var state = try await world.state() ?? .initial
        state.pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                         startedAt: Date(timeIntervalSince1970: 1_700_000_000), deploymentId: "ecs-svc/1")
        try await world.setState(state)
        await world.counter.set(.files(50_000))
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await Self.deletes(world) == [])
        #expect(try await world.state()?.pending == nil)
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget, Self.c]))
    }

    @Test func aServiceWithoutAwsvpcIsRefusedManagedSubnetsAtPreflight() async throws {
        let world = try Harness(files: 10)
        let bridge = InMemoryService(subnets: [], clock: world.clock, usesAwsvpc: false)
        let configuration = try Configuration.parse(world.environment)
        let reconciler = Reconciler(configuration: configuration, fileSystem: world.fileSystem, network: world.network,
                                    parameters: world.parameters, lock: world.lock, service: bridge, counter: world.counter,
                                    clock: world.clock, logger: quietLogger(), options: ReconcilerOptions(runId: "bridge"))
        let report = await reconciler.run(deadline: world.clock.now().addingTimeInterval(300))
        let error = try #require(report.error)
        #expect(error.contains("MANAGE_SERVICE_SUBNETS=\"true\"") && error.contains("awsvpc"), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await bridge.updates.isEmpty)
    }
}
