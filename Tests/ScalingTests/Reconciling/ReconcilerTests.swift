import Foundation
import Testing
@testable import Scaling

@Suite struct ReconcilerTests {
    @Test func belowThresholdNothingChanges() async throws {
        let world = try Harness(files: 5000)
        let report = try await world.run()
        #expect(report.error == nil)
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.service.updates.isEmpty)
        #expect(!report.newMountTargetCreated && !report.deploymentTriggered && !report.thresholdExceeded)
        #expect(report.fileCount == 5000 && report.desiredMountTargets == 1)
        #expect(report.actions.isEmpty)
        let state = try #require(try await world.state())
        #expect(state.lastCount?.files == 5000, "the count is cached for the next run")
        #expect(state.lease == nil, "the lease is released")
    }

    @Test func aboveThresholdScalesOutInAFreeAZAndRedeploysOnce() async throws {
        let world = try Harness(files: 200_000)
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(report.newMountTargetCreated && report.deploymentTriggered && report.thresholdExceeded)
        let targets = await world.fileSystem.mountTargets()
        #expect(targets.map(\.availabilityZoneName).sorted() == ["ap-northeast-1a", "ap-northeast-1c"])
        #expect(targets.allSatisfy { $0.lifeCycleState == .available })
        let published = try #require(try await world.published())
        #expect(published == MountTargetList(mountTargets: targets))
        #expect(report.mountTargets == published.entries)
        #expect(await world.service.state.subnets == ["subnet-0a1", "subnet-0c1"])
        #expect(await world.service.deploymentsStarted == 1)
        let state = try #require(try await world.state())
        #expect(state.pending == nil && state.lastActionCompletedAt != nil && state.lease == nil)
        #expect(report.actions.map(\.action) == ["record_state", "create_mount_target", "wait_available",
                                                 "publish", "update_service", "record_state"])
        #expect(report.actions.allSatisfy { $0.status == .done })
        try await world.checkInvariant()
        // The cooldown counts from the rollout's completion (issue 17).
        await world.service.completeRollout()

        // Again within the cooldown: nothing.
        world.clock.advance(by: 60)
        let again = try await world.run()
        #expect(again.error == nil && again.actions.isEmpty)
        #expect(again.hold?.code == "scale_out_cooldown")
        #expect(await world.fileSystem.mutations.count == 1)

        // After the cooldown: the third AZ.
        world.clock.advance(by: 300)
        try await world.run()
        #expect(await world.fileSystem.mountTargets().count == 3)
        let full = try await world.run()
        #expect(full.allAZsServed && full.actions.isEmpty && full.error == nil)
        #expect(await world.service.deploymentsStarted == 2)
        try await world.checkInvariant()
    }

    @Test func staleListIsRepairedWithoutANewMountTarget() async throws {
        let world = try Harness(files: 5000)
        let bogus = MountTargetList([.init(mountTargetId: "fsmt-dead", ipAddress: "10.9.9.9", availabilityZone: "ap-northeast-1d",
                                           subnetId: "subnet-0d1")])
        await world.parameters.overwrite(Harness.listName, try bogus.encode(parameter: Harness.listName))
        let report = try await world.run()
        #expect(report.error == nil)
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget]))
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.service.deploymentsStarted == 1)
        #expect(report.deploymentTriggered && !report.newMountTargetCreated)
        // Repaired once: the next run changes nothing.
        try await world.run()
        #expect(await world.service.deploymentsStarted == 1)
    }

    @Test func scaleInDrainsThenDeletesAfterTheRollout() async throws {
        let c = MountTarget(id: "fsmt-0c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1", ipAddress: "10.0.3.10",
                            lifeCycleState: .available)
        let world = try Harness(files: 10, extra: ["DRAIN_MIN_SECONDS": "60"], existing: [Harness.initialTarget, c])
        try await world.own(["fsmt-0c"])
        _ = try await world.service.updateService(ServiceUpdate(network: .init(subnets: ["subnet-0a1", "subnet-0c1"],
                                                                               securityGroups: ["sg-0aaa"]), forceNewDeployment: false))
        await world.service.completeRollout()
        let baseline = await world.service.deploymentsStarted

        let first = try await world.run()
        #expect(first.actions.isEmpty && first.hold?.code == "scale_in_stabilizing")
        #expect(try await world.state()?.lowSignalSince != nil)

        world.clock.advance(by: 901)
        let drain = try await world.run()
        #expect(drain.error == nil, "\(drain.json())")
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget]))
        #expect(await world.service.state.subnets == ["subnet-0a1"])
        #expect(await world.service.deploymentsStarted == baseline + 1)
        #expect(await world.fileSystem.mutations.isEmpty, "not deleted before the tasks moved")
        let pending = try #require(try await world.state()?.pending)
        #expect(pending.kind == .scaleInDrain && pending.mountTargetId == "fsmt-0c" && pending.deploymentId != nil)
        #expect(drain.pending == pending)
        try await world.checkInvariant()

        world.clock.advance(by: 60)
        let waiting = try await world.run()
        #expect(waiting.actions.isEmpty && waiting.hold?.code == "draining")
        #expect(await world.fileSystem.mutations.isEmpty)

        await world.service.completeRollout()
        let delete = try await world.run()
        #expect(delete.error == nil)
        #expect(await world.fileSystem.mutations == ["delete fsmt-0c"])
        #expect(try await world.state()?.pending == nil)
        #expect(await world.fileSystem.mountTargets().map(\.id) == ["fsmt-0a"])
        #expect(await world.service.deploymentsStarted == baseline + 1, "no deployment for the delete itself")
        try await world.checkInvariant()

        // MIN_MOUNT_TARGETS=1: never below.
        world.clock.advance(by: 5000)
        try await world.run()
        world.clock.advance(by: 5000)
        try await world.run()
        #expect(await world.fileSystem.mountTargets().count == 1)
    }

    @Test func malformedStateIsAClearErrorAndNothingIsTouched() async throws {
        for (name, value) in [(Harness.stateName, "{\"version\":1,"), (Harness.stateName, "{\"version\":7}"),
                              (Harness.listName, "[\"fsmt-1\"]")] {
            let world = try Harness(files: 200_000)
            await world.parameters.overwrite(name, value)
            let writesBefore = await world.parameters.writes.count
            let report = try await world.run()
            let error = try #require(report.error)
            #expect(error.contains(name), "\(error)")
            #expect(await world.fileSystem.mutations.isEmpty)
            #expect(await world.service.updates.isEmpty)
            #expect(await world.parameters.writes.count == writesBefore)
            #expect(await world.parameters.value(name) == value, "never replaced by defaults")
        }
    }

    @Test func dryRunChangesNothingAndSaysWhatItWouldDo() async throws {
        let world = try Harness(files: 200_000)
        let listBefore = await world.parameters.value(Harness.listName)
        let report = try await world.run(dryRun: true)
        #expect(report.dryRun && report.error == nil)
        #expect(report.actions.contains { $0.action == "create_mount_target" && $0.status == .planned && $0.description.contains("ap-northeast-1c") })
        #expect(report.actions.allSatisfy { $0.status == .planned })
        #expect(!report.newMountTargetCreated && !report.deploymentTriggered)
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.service.updates.isEmpty)
        #expect(await world.parameters.writes.isEmpty)
        #expect(await world.parameters.value(Harness.listName) == listBefore)
    }

    @Test func deadlineMidWaitRecordsThePendingOperationAndTheNextRunFinishes() async throws {
        let world = try Harness(files: 200_000)
        await world.fileSystem.setCreationSeconds(1000)
        let first = try await world.run(budget: 300)
        #expect(first.error == nil)
        #expect(first.actions.last?.status == .deadline)
        let pending = try #require(first.pending)
        #expect(pending.kind == .scaleOut && pending.availabilityZone == "ap-northeast-1c" && pending.mountTargetId != nil)
        #expect(try await world.state()?.pending == pending)
        #expect(try await world.published()?.entries.count == 1, "not published before available")
        #expect(await world.service.updates.isEmpty)
        #expect(world.clock.now() < Date(timeIntervalSince1970: 1_800_000_300), "stopped before the deadline")
        try await world.checkInvariant()

        world.clock.advance(by: 1000)
        let second = try await world.run()
        #expect(second.error == nil)
        #expect(try await world.published()?.entries.count == 2)
        #expect(await world.service.deploymentsStarted == 1)
        #expect(await world.fileSystem.mutations.count == 1, "never created twice")
        #expect(try await world.state()?.pending == nil)
        try await world.checkInvariant()
    }

    @Test func failedCountHoldsAndIsReported() async throws {
        let world = try Harness(files: 0)
        await world.counter.set(.failure("permission denied: /mnt/efs/x"))
        let report = try await world.run()
        #expect(report.error == nil)
        #expect(report.fileCount == nil && report.count.error?.contains("permission denied") == true)
        #expect(await world.fileSystem.mutations.isEmpty && report.actions.isEmpty)
    }

    @Test func aCompleteFreshCountIsReusedWithinTheTTL() async throws {
        var world = try Harness(files: 5000)
        world.environment["COUNT_CACHE_TTL_SECONDS"] = "300"
        try await world.run()
        world.clock.advance(by: 100)
        let cached = try await world.run()
        #expect(cached.count.cached && cached.fileCount == 5000)
        #expect(await world.counter.calls == 1)
        world.clock.advance(by: 250)
        let fresh = try await world.run()
        #expect(!fresh.count.cached)
        #expect(await world.counter.calls == 2)
    }

    @Test func unmanagedServiceSubnetsAreLeftAloneButTheServiceIsRedeployed() async throws {
        let world = try Harness(files: 200_000, extra: ["MANAGE_SERVICE_SUBNETS": "false"])
        let report = try await world.run()
        #expect(report.error == nil && report.newMountTargetCreated && report.deploymentTriggered)
        #expect(await world.service.updates == [ServiceUpdate(network: nil, forceNewDeployment: true)])
        #expect(await world.service.state.subnets == ["subnet-0a1"])
        #expect(try await world.published()?.entries.count == 2)
    }

    @Test func withoutAServiceItPublishesAndDrainsByTimeout() async throws {
        let c = MountTarget(id: "fsmt-0c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1", ipAddress: "10.0.3.10",
                            lifeCycleState: .available)
        // Since issue 16 a drain without ECS ends after DRAIN_MIN_SECONDS (the consumers' re-read
        // interval), no longer at DRAIN_TIMEOUT_SECONDS (which now only fails a drain that has users left).
        let world = try Harness(files: 10, extra: ["SCALE_IN_STABILIZATION_SECONDS": "0", "DRAIN_MIN_SECONDS": "600"],
                                existing: [Harness.initialTarget, c])
        try await world.own(["fsmt-0c"])
        var env = world.environment
        env["ECS_CLUSTER_NAME"] = nil
        env["ECS_SERVICE_NAME"] = nil
        env["MANAGE_SERVICE_SUBNETS"] = nil
        let configuration = try Configuration.parse(env)
        func run() async -> RunReport {
            let reconciler = Reconciler(configuration: configuration, fileSystem: world.fileSystem, network: world.network,
                                        parameters: world.parameters, lock: world.lock, service: nil, counter: world.counter, clock: world.clock,
                                        logger: quietLogger(), options: ReconcilerOptions(runId: UUID().uuidString))
            return await reconciler.run(deadline: world.clock.now().addingTimeInterval(300))
        }
        let drain = await run()
        #expect(drain.error == nil && !drain.deploymentTriggered)
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget]))
        world.clock.advance(by: 300)
        _ = await run()
        #expect(await world.fileSystem.mutations.isEmpty, "clients get DRAIN_MIN_SECONDS to re-read the list")
        world.clock.advance(by: 400)
        let delete = await run()
        #expect(delete.error == nil)
        #expect(await world.fileSystem.mutations == ["delete fsmt-0c"])
        #expect(await world.service.updates.isEmpty)
    }

    @Test func subnetOutsideTheVPCIsAConfigurationErrorBeforeAnyWrite() async throws {
        var world = try Harness(files: 200_000)
        world.environment["VPC_ID"] = "vpc-0ffff"
        world.environment["SUBNET_IDS"] = "subnet-0a1,subnet-0c1"
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("SUBNET_IDS") && error.contains("subnet-0a1 is in vpc-0a1b2c3d"), "\(error)")
        #expect(await world.parameters.writes.isEmpty)
        #expect(await world.fileSystem.mutations.isEmpty)

        world.environment["VPC_ID"] = nil
        world.environment["SUBNET_IDS"] = "subnet-0a1,subnet-0beef"
        let unknown = try await world.run()
        #expect(unknown.error?.contains("subnet-0beef") == true)
        #expect(await world.parameters.writes.isEmpty)
    }

    @Test func aWrongSecurityGroupIsAConfigurationErrorBeforeAnyWrite() async throws {
        // Above the threshold: a run that let the group through would try CreateMountTarget.
        var world = try Harness(files: 200_000)
        for (groups, expected) in [("sg-0a1b,sg-0dead", "not found: sg-0dead"), ("sg-0f0f", "sg-0f0f is in vpc-0ffff")] {
            world.environment["SECURITY_GROUP_ID"] = groups
            let report = try await world.run()
            let error = try #require(report.error)
            #expect(error.contains("SECURITY_GROUP_ID") && error.contains(expected), "\(error)")
            #expect(await world.parameters.writes.isEmpty, "not even the lease")
            #expect(await world.fileSystem.mutations.isEmpty)
            #expect(await world.service.updates.isEmpty)
        }
        world.environment["SECURITY_GROUP_ID"] = "sg-0a1b"
        let valid = try await world.run()
        #expect(valid.error == nil)
        #expect(await world.fileSystem.mutations.count == 1, "the control run scales out")
    }
}
