import Foundation
import Scaling
import Testing
import TestSupport

/// Issue 5's end-to-end case (5): the slow, two-phase scale-in against moto, whose forced
/// deployments complete at once (MOTO_ECS_SERVICE_RUNNING), as a finished rollout would.
@Suite(.serialized) struct ScaleInEndToEndTests {
    @Test func afterTheStabilizationWindowItUnpublishesRedeploysThenDeletes() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto, [
                "SCALE_IN_THRESHOLD": "100", "SCALE_IN_STABILIZATION_SECONDS": "1",
                "SCALE_OUT_COOLDOWN_SECONDS": "0", "DRAIN_TIMEOUT_SECONDS": "900", "DRAIN_MIN_SECONDS": "0",
            ])
            let zoneA = world.zones[0], zoneB = world.zones[1]
            let grow = try await world.run(files: 5000)
            #expect(grow.report.error == nil && grow.report.newMountTargetCreated)
            let grown = try await world.world()
            try #require(grown.mountTargetZones == [zoneA, zoneB])
            let keep = try #require(grown.mountTargets.first { $0.availabilityZoneName == zoneA })
            let victim = try #require(grown.mountTargets.first { $0.availabilityZoneName == zoneB })

            // The low signal appears: the window starts, nothing else happens.
            let low = try await world.run(files: 10)
            #expect(low.report.error == nil && low.worldMutations == [])
            #expect(low.report.hold?.code == "scale_in_stabilizing", "\(low.report.holdReason ?? "no hold reason")")
            try await Task.sleep(for: .milliseconds(1100))

            // Phase 1: unpublish, move the service away, redeploy. The mount target stays.
            let drain = try await world.run(files: 10)
            #expect(drain.report.error == nil)
            #expect(drain.worldMutations == ["PutParameter \(world.listName)", "UpdateService"])
            #expect(drain.report.deploymentTriggered && !drain.report.newMountTargetCreated)
            let draining = try await world.world()
            #expect(draining.mountTargets == grown.mountTargets, "not deleted before the rollout completed")
            #expect(draining.parameter(world.listName)?.value == EndToEndWorld.expectedList([keep]))
            #expect(draining.serviceSubnets == [keep.subnetId])
            let pending = try #require(drain.report.pending)
            #expect(pending.kind == .scaleInDrain && pending.mountTargetId == victim.mountTargetId)
            let recorded = try StateDocument.decode(try #require(draining.lock?.state), parameter: "lock item")
            #expect(recorded.pending?.deploymentId == draining.deploymentIds?.first, "the forced deployment is recorded")

            // Phase 2: nothing runs in the victim's zone any more (the service's tasks, every task of
            // the cluster as ListTasks/DescribeTasks report them), so the drained mount target is deleted.
            let delete = try await world.run(files: 10)
            #expect(delete.report.error == nil && delete.report.pending == nil, "\(delete.report.json())")
            #expect(delete.worldMutations == ["DeleteMountTarget"])
            let shrunk = try await world.world()
            #expect(shrunk.mountTargets.map(\.mountTargetId) == [keep.mountTargetId])
            #expect(shrunk.parameter(world.listName) == draining.parameter(world.listName))
        }
    }
}
