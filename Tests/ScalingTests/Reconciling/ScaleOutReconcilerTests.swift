import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// Issue 17's scale-out through the reconciler and the in-memory fakes: creates that never come
/// or are refused, the settle time, the service's own subnets, preflight, rolled-back deployments.
@Suite struct ScaleOutReconcilerTests {
    @Test func aCreateStuckInCreatingPastTheTimeoutFailsTheRunIsDeletedAndTheNextAZIsTaken() async throws {
        let world = try Harness(files: 200_000)
        await world.fileSystem.setCreationSeconds(1_000_000)
        let first = try await world.run()
        #expect(first.error == nil, "a deadline stop is not an error")
        #expect(first.pending?.kind == .scaleOut)
        #expect((first.pendingOperationAgeSeconds ?? 0) > 200, "\(String(describing: first.pendingOperationAgeSeconds))")
        let metrics = EmbeddedMetrics.line(for: first, timestamp: Date())
        #expect(metrics.contains("\"PendingOperationAgeSeconds\":\(first.pendingOperationAgeSeconds ?? -1)"))
        let created = try #require(await world.fileSystem.mountTargets().first { $0.availabilityZoneName == "ap-northeast-1c" })

        world.clock.advance(by: 1600)
        let failed = try await world.run()
        let error = try #require(failed.error, "past SCALE_OUT_TIMEOUT_SECONDS the run fails: \(failed.json())")
        #expect(error.contains("SCALE_OUT_TIMEOUT_SECONDS=1800"))
        #expect(await world.fileSystem.mutations.contains("delete \(created.id)"))
        #expect(failed.azBackoff.map(\.availabilityZone) == ["ap-northeast-1c"])
        #expect(failed.pendingOperationAgeSeconds == 0)
        let state = try #require(try await world.state())
        #expect(state.pending == nil && state.azBackoff["ap-northeast-1c"]?.failures == 1)
        #expect(try await world.published()?.entries.map(\.mountTargetId) == [Harness.initialTarget.id], "never published")

        // The next run goes on to the next free AZ while 1c backs off.
        await world.fileSystem.setCreationSeconds(40)
        world.clock.advance(by: 10)
        let next = try await world.run()
        #expect(next.error == nil, "\(next.json())")
        let zones = await world.fileSystem.mountTargets().filter { $0.lifeCycleState == .available }.map(\.availabilityZoneName)
        #expect(zones.sorted() == ["ap-northeast-1a", "ap-northeast-1d"])
        #expect(next.json().contains("\"az_backoff\":[{\"availability_zone\":\"ap-northeast-1c\""))
        try await world.checkInvariant()
    }

    @Test func aCreateRefusedInAnAZBacksItOffAndTheNextRunTakesAnother() async throws {
        let world = try Harness(files: 200_000)
        await world.fileSystem.refuseCreates(inSubnet: "subnet-0c1", code: "NoFreeAddressesInSubnet")
        let refused = try await world.run()
        #expect(refused.error?.contains("NoFreeAddressesInSubnet") == true, "\(refused.json())")
        let backoff = try #require(try await world.state()?.azBackoff["ap-northeast-1c"])
        #expect(backoff.failures == 1 && backoff.lastError.hasPrefix("NoFreeAddressesInSubnet"))
        #expect(try await world.state()?.pending == nil)
        #expect(refused.azBackoff.first?.availabilityZone == "ap-northeast-1c")

        world.clock.advance(by: 60)
        let next = try await world.run()
        #expect(next.error == nil, "\(next.json())")
        #expect(await world.fileSystem.mutations.count == 1)
        #expect(await world.fileSystem.mountTargets().map(\.availabilityZoneName).sorted() == ["ap-northeast-1a", "ap-northeast-1d"])
    }

    @Test func theServiceGetsANewAZOnlyAfterTheSettleTimeInALaterRun() async throws {
        var world = try Harness(files: 200_000)
        world.environment["MOUNT_TARGET_SETTLE_SECONDS"] = "90"
        let first = try await world.run()
        #expect(first.error == nil)
        #expect(try await world.published()?.entries.count == 2, "published as soon as available")
        #expect(await world.service.state.subnets == ["subnet-0a1"], "not in the service before the settle time")
        #expect(await world.service.deploymentsStarted == 0)
        #expect(first.hold?.code == "mount_target_settling" && first.holdReason?.contains("MOUNT_TARGET_SETTLE_SECONDS=90") == true, "\(first.holdReason ?? "")")
        #expect(try await world.state()?.pending?.availableAt != nil)
        try await world.checkInvariant()

        world.clock.advance(by: 30)
        _ = try await world.run()
        #expect(await world.service.deploymentsStarted == 0, "a resumed run continues the wait")

        world.clock.advance(by: 60)
        let settled = try await world.run()
        #expect(settled.error == nil)
        #expect(await world.service.state.subnets == ["subnet-0a1", "subnet-0c1"])
        #expect(await world.service.deploymentsStarted == 1, "one deployment carries the list and the subnet")
        #expect(try await world.state()?.pending == nil)
        try await world.checkInvariant()
    }

    @Test func theNextScaleOutWaitsForTheRolloutThenCoolsDownFromItsCompletion() async throws {
        let world = try Harness(files: 200_000)
        try await world.run()
        #expect(await world.fileSystem.mountTargets().count == 2)
        world.clock.advance(by: 400)
        let rolling = try await world.run()
        #expect(rolling.hold?.code == "awaiting_rollout", "\(rolling.holdReason ?? "")")
        #expect(await world.fileSystem.mountTargets().count == 2)

        let completion = world.clock.now()
        await world.service.completeRollout(at: completion)
        world.clock.advance(by: 100)
        let cooling = try await world.run()
        #expect(cooling.hold == .scaleOutCooldown(until: completion.addingTimeInterval(300)))
        world.clock.advance(by: 201)
        try await world.run()
        #expect(await world.fileSystem.mountTargets().count == 3)
    }

    @Test func aRolledBackScaleOutDeploymentIsNotForcedAgainEveryRun() async throws {
        let world = try Harness(files: 200_000)
        try await world.run()
        #expect(await world.service.updates.count == 1)
        let previous = ServiceState.NetworkConfiguration(subnets: ["subnet-0a1"], securityGroups: ["sg-0aaa"], assignPublicIp: false)
        await world.service.failRollout(rollback: previous)

        world.clock.advance(by: 60)
        let detected = try await world.run()
        #expect(detected.error == nil)
        #expect(await world.service.updates.count == 1, "not re-forced: \(detected.json())")
        #expect(detected.deploymentBackoff?.failures == 1)
        #expect(detected.deploymentBackoff?.reason.contains("rolled back") == true)
        #expect(EmbeddedMetrics.line(for: detected, timestamp: Date()).contains("\"DeploymentRolledBack\":1"))
        for _ in 0..<3 {
            world.clock.advance(by: 60)
            try await world.run()
        }
        #expect(await world.service.updates.count == 1, "still backing off")

        world.clock.advance(by: 200)
        let retried = try await world.run()
        let updates = await world.service.updates
        #expect(updates.count > 1 && updates[1].network?.subnets == ["subnet-0a1", "subnet-0c1"],
                "tried again once the backoff ended: \(retried.json())")
    }

    @Test func preflightRejectsManagedSubnetsForACodeDeployService() async throws {
        let world = try Harness(files: 200_000)
        await world.service.setDeploymentController("CODE_DEPLOY")
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("MANAGE_SERVICE_SUBNETS") && error.contains("CODE_DEPLOY"), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.service.updates.isEmpty)
        #expect(await world.lock.item == nil, "nothing written, not even the lock")
    }

    @Test func preflightRejectsServiceSubnetsThatMissAnAZ() async throws {
        var world = try Harness(files: 200_000)
        world.environment["SERVICE_SUBNET_IDS"] = "subnet-0a2,subnet-0c1"
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("SERVICE_SUBNET_IDS") && error.contains("ap-northeast-1d"), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.lock.item == nil)
    }

    @Test func serviceSubnetIdsAreWhatTheServiceGets() async throws {
        var world = try Harness(files: 200_000)
        world.environment["SERVICE_SUBNET_IDS"] = "subnet-0a2,subnet-0c1,subnet-0d1"
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.service.state.subnets == ["subnet-0a2", "subnet-0c1"])
        #expect(report.notices.isEmpty)
        let plain = try Harness(files: 10)
        let noted = try await plain.run(dryRun: true)
        #expect(noted.notices.contains { $0.contains("SERVICE_SUBNET_IDS is not set") })
    }
}
