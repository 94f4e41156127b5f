import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// The lock as runs of the reconciler meet it: skipped while another run holds it, taken over
/// when it expired, released on every exit path, and proven before every mutation.
@Suite struct LockReconcilerTests {
    @Test func aLiveLockOfAnotherRunSkipsTheRun() async throws {
        let world = try Harness(files: 200_000)
        let now = world.clock.now()
        let held = LockRecord(owner: "lambda-7", expiresAt: now.addingTimeInterval(100), version: 3, writeId: "lambda-7#1",
                              state: try StateDocument.initial.encode(parameter: "seed"))
        await world.lock.set(held)
        let report = try await world.run()
        #expect(report.error == nil)
        #expect(report.skipped?.contains("lambda-7") == true)
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.lock.item == held, "a skipped run writes nothing")

        // An expired lock (a crashed run) is taken over.
        world.clock.advance(by: 101)
        let next = try await world.run()
        #expect(next.skipped == nil && next.newMountTargetCreated)
    }

    /// A run that fails after taking the lock frees it, so the next scheduled run acts. (With the
    /// SSM lease a failed run left it held until the deadline + 30 s: the next run was skipped.)
    @Test func aFailedRunReleasesTheLock() async throws {
        let world = try Harness(files: 200_000)
        // The wait for the new mount target fails after the lock was taken and the create sent.
        await world.fileSystem.setFaults { $0.failNext("describeMountTarget") }
        let failed = try await world.run()
        #expect(failed.error != nil)
        let item = try #require(await world.lock.item)
        #expect(item.owner == nil, "released: \(item)")
        let next = try await world.run()
        #expect(next.skipped == nil, "the next run is not skipped: \(next.json())")
        #expect(next.error == nil)
        #expect(await world.fileSystem.mountTargets().filter { $0.lifeCycleState == .available }.count == 2)
    }

    /// The take's write lands but its response is lost: the run recognises its own write and goes
    /// on. (With the SSM lease the same fault left the lease held and skipped the next run:
    /// `LeaseLeftHeldTests` on bb55327, failing there.)
    @Test func aTakeWhoseResponseWasLostGoesOn() async throws {
        let world = try Harness(files: 200_000)
        let lock = world.lock
        await lock.parkNextWrites(1, whenParked: { await lock.landParkedWrites() })
        let report = try await world.run()
        #expect(report.error == nil && report.newMountTargetCreated, "\(report.json())")
        #expect(await world.lock.item?.owner == nil)
    }

    /// The take's write lands, its response is lost, and the re-read fails too: the run fails, but
    /// the lock it may hold is released, so the next run acts.
    @Test func anAmbiguousTakeThatFailsStillReleases() async throws {
        let world = try Harness(files: 200_000)
        let lock = world.lock
        await lock.parkNextWrites(1, whenParked: {
            await lock.landParkedWrites()
            await lock.failNextReads(1)
        })
        let failed = try await world.run()
        #expect(failed.error != nil)
        #expect(await world.lock.item?.owner == nil, "released although the take's outcome was unknown")
        let next = try await world.run()
        #expect(next.skipped == nil && next.error == nil, "\(next.json())")
    }

    /// Another run takes the lock while this one works (this one's lock expired under a long
    /// stall): the fence before `CreateMountTarget` is refused, and nothing is created.
    @Test func aRunThatLostTheLockMutatesNothing() async throws {
        let world = try Harness(files: 200_000)
        // Writes of the run: the take, the scale-out's state record; the thief takes over right after.
        await world.lock.stealAfterWrites(2)
        let report = try await world.run()
        #expect(report.lockLost)
        #expect(report.error?.contains("lost the lock") == true, "\(report.json())")
        #expect(await world.fileSystem.mutations.isEmpty, "no CreateMountTarget after the lock was lost")
        #expect(await world.service.updates.isEmpty)
        #expect(await world.lock.item?.owner == "thief", "the loser does not release the winner's lock")
    }

    /// Every mutating call is preceded by a conditional write that proves the lock (the fence):
    /// the item's version moves before each create, publish, update and delete.
    @Test func everyMutationIsFenced() async throws {
        let world = try Harness(files: 200_000)
        let report = try await world.run()
        #expect(report.error == nil && report.newMountTargetCreated, "\(report.json())")
        let owners = await world.lock.landed.map { $0.owner ?? "-" }
        // take, state record, fence + created event (create), fence (publish), fence (update),
        // state record (completion), release.
        #expect(await world.lock.landed.count >= 7, "\(owners)")
        #expect(await world.lock.item?.owner == nil)
    }

    /// Two runs at once: exactly one acts, with no sleep anywhere (the compare-and-swap decides).
    @Test func concurrentRunsNeverCreateTwice() async throws {
        for trial in 0..<30 {
            let world = try Harness(files: 200_000)
            let first = try world.reconciler(runId: "a-\(trial)")
            let second = try world.reconciler(runId: "b-\(trial)")
            let deadline = world.clock.now().addingTimeInterval(300)
            async let one = first.run(deadline: deadline)
            async let two = second.run(deadline: deadline)
            let reports = await [one, two]
            let creates = await world.fileSystem.mutations.filter { $0.hasPrefix("create") }
            #expect(creates.count == 1, "trial \(trial): \(creates)")
            #expect(reports.filter { $0.newMountTargetCreated }.count == 1, "trial \(trial)")
            try await world.checkInvariant("trial \(trial)")
        }
    }

    /// The state written under the lock records the mount target this run created as owned.
    @Test func aCreatedMountTargetIsRecordedAsOwned() async throws {
        let world = try Harness(files: 200_000)
        let report = try await world.run()
        #expect(report.newMountTargetCreated)
        let created = try #require(await world.fileSystem.mountTargets().first { $0.id != Harness.initialTarget.id })
        let state = try #require(try await world.state())
        #expect(state.ownedMountTargetIds == [created.id])
    }
}
