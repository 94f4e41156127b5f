import Foundation
import Testing
@testable import Scaling

/// A stop request (the worker's SIGTERM) ends a run at the next safe point: never between
/// creating a mount target and recording it, and what is pending is left for the next run.
@Suite struct StopRequestTests {
    @Test func stopWhileWaitingRecordsThePendingScaleOutAndTheNextRunFinishesIt() async throws {
        let world = try Harness(files: 200_000)
        // Safe points are asked in order: before recordState, before create, before wait, then
        // at each poll. Stop at the first poll, when the new mount target is still `creating`.
        let asked = Counter()
        let stopped = try await world.run(stopRequested: { asked.next() >= 4 })
        #expect(stopped.error == nil, "\(stopped.json())")
        #expect(stopped.newMountTargetCreated)
        #expect(stopped.actions.contains { $0.action == "wait_available" && $0.status == .deadline })
        let created = try #require(await world.fileSystem.mountTargets().first { $0.availabilityZoneName == "ap-northeast-1c" })
        #expect(created.lifeCycleState == .creating)
        let pending = try #require(try await world.state()?.pending)
        #expect(pending.kind == .scaleOut && pending.mountTargetId == created.id, "the create is recorded before the run stops")
        #expect(try await world.published() == MountTargetList(mountTargets: [Harness.initialTarget]), "nothing unavailable is published")
        #expect(await world.service.updates.isEmpty)
        try await world.checkInvariant("after the stop")

        let resumed = try await world.run()
        #expect(resumed.error == nil, "\(resumed.json())")
        let targets = await world.fileSystem.mountTargets()
        #expect(targets.filter { $0.availabilityZoneName == "ap-northeast-1c" }.count == 1, "resumed, not created twice")
        #expect(await world.service.deploymentsStarted == 1)
        #expect(try await world.state()?.pending == nil)
        try await world.checkInvariant("after the resume")
    }

    @Test func stopBeforeTheFirstStepChangesNothing() async throws {
        let world = try Harness(files: 200_000)
        let report = try await world.run(stopRequested: { true })
        #expect(report.error == nil)
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.service.updates.isEmpty)
        #expect(report.actions.first?.status == .deadline)
    }
}
