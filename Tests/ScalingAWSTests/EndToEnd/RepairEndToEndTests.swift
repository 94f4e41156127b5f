import Foundation
import Scaling
import Testing
import TestSupport

/// Issue 5's end-to-end cases (4) and (7): what a run does with SSM documents that disagree
/// with EFS or cannot be read.
@Suite(.serialized) struct RepairEndToEndTests {
    /// (4) The list names a mount target that no longer exists and misses the real one (the
    /// original could leave it like this forever). Below the threshold, a run rewrites it from
    /// what EFS holds, and redeploys because the published set changed, without creating anything.
    @Test func aStalePublishedListIsRepairedWithoutANewMountTarget() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto)
            let stale = #"{"mount_targets":[{"mount_target_id":"fsmt-0000dead","ip_address":"10.20.1.99","# +
                #""availability_zone":"\#(world.zones[1])","subnet_id":"\#(world.subnets(in: world.zones[1])[0])"}]}"#
            try await world.scenario.putParameter(world.listName, value: stale)
            let before = try await world.world()

            let outcome = try await world.run(files: 10)
            #expect(outcome.report.error == nil)
            #expect(!outcome.report.newMountTargetCreated)
            #expect(outcome.worldMutations == ["PutParameter \(world.listName)", "UpdateService"])
            #expect(outcome.report.deploymentTriggered, "clients must drop the stale mount target")
            let after = try await world.world()
            #expect(after.mountTargets == before.mountTargets)
            #expect(after.parameter(world.listName)?.value == EndToEndWorld.expectedList(before.mountTargets))
            #expect(after.serviceSubnets == before.serviceSubnets)

            // Repaired means converged: the next run has nothing to do.
            let next = try await world.run(files: 10)
            #expect(next.report.error == nil && next.worldMutations == [])
        }
    }

    /// (7) A document that does not parse stops the run before anything is written (not even
    /// the lease), with an error naming the parameter, even though the count asks for a
    /// scale-out: first the list, then (with the list restored) the state document.
    @Test func aMalformedDocumentIsAClearErrorAndNothingIsWritten() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto)
            let original = try #require(try await world.world().parameter(world.listName)).value
            let malformed = [
                (world.listName, #"{"mount_targets":[{"mount_target_id":"fsmt-0123"}]}"#),
                (world.stateName, #"{"version":1,"last_count":"#),
            ]
            for (name, document) in malformed {
                try await world.scenario.putParameter(name, value: document)
                let before = try await world.world()
                let outcome = try await world.run(files: 50_000)
                let error = try #require(outcome.report.error)
                #expect(error.contains(name), "the error names the parameter: \(error)")
                #expect(!outcome.report.newMountTargetCreated && !outcome.report.deploymentTriggered)
                #expect(outcome.requests.mutations == [], "\(name): no mutating call at all, not even the lease")
                let after = try await world.world()
                #expect(after.mountTargets == before.mountTargets)
                #expect(after.parameter(name) == before.parameter(name), "never silently replaced")
                if name == world.listName { try await world.scenario.putParameter(name, value: original) }
            }
        }
    }
}
