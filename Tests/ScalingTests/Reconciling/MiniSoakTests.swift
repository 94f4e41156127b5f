import Foundation
import Testing
@testable import Scaling

/// Hundreds of runs over a file-count trajectory (rise, plateau, fall, oscillation around the
/// threshold) with a fifth of the runs hit by an injected fault, all on the in-memory fakes.
/// After every run the safety invariant holds; once faults stop, the world converges.
@Suite struct MiniSoakTests {
    enum Site: CaseIterable {
        case createBefore, createAfter, describeOne, describeAll, listPutBefore, listPutAfter, statePut, stateGet,
             updateBefore, updateAfter, describeService, deleteBefore, deleteAfter
    }

    func inject(_ site: Site, into world: Harness) async {
        switch site {
        case .createBefore: await world.fileSystem.setFaults { $0.failNext("createMountTarget") }
        case .createAfter: await world.fileSystem.setFaults { $0.failNext("createMountTarget", timing: .after) }
        case .describeOne: await world.fileSystem.setFaults { $0.failNext("describeMountTarget") }
        case .describeAll: await world.fileSystem.setFaults { $0.failNext("describeMountTargets") }
        case .listPutBefore: await world.parameters.setFaults { $0.failNext("put:\(Harness.listName)") }
        case .listPutAfter: await world.parameters.setFaults { $0.failNext("put:\(Harness.listName)", timing: .after) }
        case .statePut: await world.parameters.setFaults { $0.failNext("put:\(Harness.stateName)", timing: .after) }
        case .stateGet: await world.parameters.setFaults { $0.failNext("get:\(Harness.stateName)") }
        case .updateBefore: await world.service.setFaults { $0.failNext("updateService") }
        case .updateAfter: await world.service.setFaults { $0.failNext("updateService", timing: .after) }
        case .describeService: await world.service.setFaults { $0.failNext("describeService") }
        case .deleteBefore: await world.fileSystem.setFaults { $0.failNext("deleteMountTarget") }
        case .deleteAfter: await world.fileSystem.setFaults { $0.failNext("deleteMountTarget", timing: .after) }
        }
    }

    static func trajectory(_ run: Int) -> Int {
        switch run {
        case 0..<40: 500 + run * 5000  // rise well above the threshold
        case 40..<80: 250_000  // plateau
        case 80..<140: 200  // fall below the scale-in threshold
        default: run % 2 == 0 ? 100_001 : 99_999  // oscillate around the threshold
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func invariantHoldsUnderFaults(seed: UInt64) async throws {
        let world = try Harness(files: 0, extra: ["SCALE_IN_STABILIZATION_SECONDS": "600", "DRAIN_TIMEOUT_SECONDS": "600"])
        var rng = SeededGenerator(seed: seed)
        var faults = 0
        var errors = 0
        for run in 0..<200 {
            await world.counter.set(.files(Self.trajectory(run)))
            if rng.chance(0.2) {
                await inject(rng.pick(Site.allCases), into: world)
                faults += 1
            }
            if rng.chance(0.5) { await world.service.completeRollout() }
            let report = try await world.run()
            if report.error != nil { errors += 1 }
            try await world.checkInvariant("seed \(seed) run \(run)")
            await world.fileSystem.setFaults { $0.clear() }
            await world.parameters.setFaults { $0.clear() }
            await world.service.setFaults { $0.clear() }
            world.clock.advance(by: 120)
        }
        #expect(faults > 20 && errors > 0, "faults really happened")
        let creates = await world.fileSystem.mutations.filter { $0.hasPrefix("create") }.count
        let deletes = await world.fileSystem.mutations.filter { $0.hasPrefix("delete") }.count
        #expect(creates >= 2 && deletes >= 1, "the trajectory scaled both ways (\(creates) creates, \(deletes) deletes)")

        // Faults stop: within three runs the published list matches EFS and nothing is pending.
        await world.counter.set(.files(50_000))
        await world.service.completeRollout()
        for _ in 0..<3 {
            try await world.run()
            await world.service.completeRollout()
            world.clock.advance(by: 700)
        }
        let last = try await world.run()
        #expect(last.error == nil && last.actions.isEmpty, "seed \(seed): \(last.json())")
        let available = await world.fileSystem.mountTargets().filter { $0.lifeCycleState == .available }
        #expect(try await world.published() == MountTargetList(mountTargets: available))
        #expect(try await world.state()?.pending == nil)
        try await world.checkInvariant("seed \(seed) after convergence")
    }
}
