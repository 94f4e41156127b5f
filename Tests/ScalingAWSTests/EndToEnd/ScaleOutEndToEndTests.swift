import Foundation
import Scaling
import ScalingAWS
import Testing
import TestSupport

/// Issue 5's end-to-end cases (1), (2), (3), (6) and (8): the reconciler through the real
/// client and adapters against moto, with the mutating calls counted in moto's request log and
/// the outcome read back with botocore.
@Suite(.serialized) struct ScaleOutEndToEndTests {
    /// (1) and (2) with the real walker over a real tree: exactly the threshold is not above it
    /// (the original's strict comparison), one file more scales out: a mount target in a free
    /// zone, the list published in the original format, the service's subnets extended and one
    /// deployment forced. Then (3): again within the cooldown, nothing changes.
    @Test func atTheThresholdNothingAboveItOneScaleOutThenTheCooldownHolds() async throws {
        try await MotoServer.exclusive { moto in
            let tree = try FileTree(prefix: "e2e-scale-out")
            defer { tree.remove() }
            for directory in 0..<4 {
                try tree.directory("d\(directory)")
                try tree.files(count: EndToEndWorld.threshold / 4, in: "d\(directory)")
            }
            let world = try await EndToEndWorld.seed(on: moto, ["TARGET_DIRECTORY": tree.root, "SCALE_OUT_COOLDOWN_SECONDS": "300"])
            let counter = WalkingFileCountSource(root: tree.root, settings: CountSettings(concurrency: 4, recursive: true))
            let zoneA = world.zones[0], zoneB = world.zones[1]
            let before = try await world.world()

            // (1) 1000 files, threshold 1000: not exceeded, nothing changes.
            let quiet = try await world.run(counter: counter)
            #expect(quiet.report.error == nil)
            #expect(quiet.report.fileCount == 1000)
            #expect(!quiet.report.thresholdExceeded && !quiet.report.newMountTargetCreated && !quiet.report.deploymentTriggered)
            #expect(quiet.worldMutations == [], "only the lock item may be written")
            #expect(quiet.requests.count("UpdateItem") >= 2, "the lock is taken and released")
            #expect(quiet.requests.count("PutParameter") == 0, "no SSM write: the state lives in the lock item")
            let unchanged = try await world.world()
            #expect(unchanged.mountTargets == before.mountTargets)
            #expect(unchanged.parameter(world.listName) == before.parameter(world.listName), "the list keeps its version")
            #expect(unchanged.deploymentIds == before.deploymentIds && unchanged.serviceSubnets == before.serviceSubnets)

            // (2) One file more.
            try tree.file("d0/one-more")
            let out = try await world.run(counter: counter)
            #expect(out.report.error == nil)
            #expect(out.report.fileCount == 1001 && out.report.thresholdExceeded)
            #expect(out.report.newMountTargetCreated && out.report.deploymentTriggered)
            #expect(out.requests.count("CreateMountTarget") == 1)
            #expect(out.requests.count("DeleteMountTarget") == 0)
            #expect(out.requests.count("UpdateService") == 1, "exactly one deployment: \(out.requests.mutations)")
            #expect(out.requests.count("PutParameter", parameter: world.listName) == 1)
            let grown = try await world.world()
            #expect(grown.mountTargetZones == [zoneA, zoneB], "the free zone the lowest name, never a second one in \(zoneA)")
            #expect(grown.mountTargets.allSatisfy { $0.lifeCycleState == "available" })
            let created = try #require(grown.mountTargets.first { $0.availabilityZoneName == zoneB })
            #expect(created.subnetId == world.subnets(in: zoneB)[0])
            #expect(grown.parameter(world.listName)?.value == EndToEndWorld.expectedList(grown.mountTargets))
            #expect(grown.serviceSubnets?.sorted() == [world.subnets(in: zoneA)[0], created.subnetId].sorted())
            #expect(grown.deploymentIds != before.deploymentIds, "moto gives a forced deployment a new id")
            #expect(out.report.mountTargets.map(\.mountTargetId).sorted() == grown.mountTargets.map(\.mountTargetId).sorted())
            let lock = try #require(grown.lock)
            let state = try StateDocument.decode(try #require(lock.state), parameter: "lock item")
            #expect(state.pending == nil && state.lastActionCompletedAt != nil && state.lease == nil)
            #expect(state.ownedMountTargetIds == [created.mountTargetId], "the created mount target is recorded as owned")
            #expect(lock.owner == nil, "released")

            // (3) Far above the threshold, but within the cooldown.
            try tree.files(count: 500, in: "d1", prefix: "more")
            let cooling = try await world.run(counter: counter)
            #expect(cooling.report.error == nil)
            #expect(cooling.report.fileCount == 1501 && cooling.report.thresholdExceeded)
            #expect(!cooling.report.newMountTargetCreated && !cooling.report.deploymentTriggered)
            #expect(cooling.report.hold?.code == "scale_out_cooldown", "\(cooling.report.holdReason ?? "no hold reason")")
            #expect(cooling.worldMutations == [])
            let after = try await world.world()
            #expect(after.mountTargets == grown.mountTargets && after.deploymentIds == grown.deploymentIds)
            #expect(after.parameter(world.listName) == grown.parameter(world.listName))
        }
    }

    /// (6) Every eligible zone is served: `SUBNET_IDS` names only the first zone's two subnets,
    /// which already has a mount target. Far above the threshold, the run says so and changes
    /// nothing; in particular no second mount target in that zone's other subnet.
    @Test func everyEligibleZoneServedIsReportedWithoutErrorOrDeployment() async throws {
        try await MotoServer.exclusive { moto in
            var world = try await EndToEndWorld.seed(on: moto)
            world.environment["SUBNET_IDS"] = world.subnets(in: world.zones[0]).joined(separator: ",")
            let before = try await world.world()
            for _ in 0..<2 {
                let outcome = try await world.run(files: 50_000)
                #expect(outcome.report.error == nil)
                #expect(outcome.report.allAZsServed && outcome.report.thresholdExceeded)
                #expect(outcome.report.hold == .allAZsServed)
                #expect(!outcome.report.newMountTargetCreated && !outcome.report.deploymentTriggered)
                #expect(outcome.worldMutations == [])
            }
            let after = try await world.world()
            #expect(after.mountTargets == before.mountTargets && after.deploymentIds == before.deploymentIds)
        }
    }

    /// (8) ap-northeast-1 has no 1b: the zones are 1a, 1c, 1d. The new mount targets go to 1c,
    /// then 1d. Moto reports each one `creating` for a moment, so the run polls through the
    /// EFS adapter before it publishes.
    @Test func aRegionWithGapsInItsZoneNamesScalesAcrossTheZonesItHas() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto, region: "ap-northeast-1", ["SCALE_OUT_COOLDOWN_SECONDS": "0"])
            #expect(world.zones == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
            try await moto.setMountTargetCreatingSeconds(0.5)
            let first = try await world.run(files: 5000)
            #expect(first.report.error == nil && first.report.newMountTargetCreated)
            let polls = first.requests.filter { $0.operation == "DescribeMountTargets" && $0.query.contains("MountTargetId=") }
            #expect(polls.count >= 2, "polled the new mount target until it was available: \(polls.count) poll(s)")
            try await moto.setMountTargetCreatingSeconds(0)
            let second = try await world.run(files: 5000)
            #expect(second.report.error == nil && second.report.newMountTargetCreated)
            let third = try await world.run(files: 5000)
            #expect(third.report.allAZsServed && third.report.error == nil && third.worldMutations == [])

            let grown = try await world.world()
            #expect(grown.mountTargetZones == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
            #expect(grown.parameter(world.listName)?.value == EndToEndWorld.expectedList(grown.mountTargets))
            #expect(Set(grown.serviceSubnets ?? []) == Set(grown.mountTargets.map(\.subnetId)))
        }
    }
}
