import Foundation
import Testing
import TestSupport
@testable import Scaling
import ScalingTestSupport

/// Found by the reliability soak (reliability/soak.py): a scale-in whose `UpdateService` answer
/// was lost never finished. The resumed drain forced a deployment and recorded its id, then the
/// plan's trailing `recordState` wrote the plan's older copy of the pending drain over it; with
/// ECS's clock behind ours the "newer PRIMARY" fallback never matched either, and the drain
/// timeout was not consulted on that path: a forced redeployment on every run, forever.
@Suite struct DrainResumeTests {
    static let c = MountTarget(id: "fsmt-0c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1",
                               ipAddress: "10.0.3.10", lifeCycleState: .available)

    /// A world whose ECS service stamps deployments with a clock `skew` seconds behind ours.
    struct World {
        let harness: Harness
        let service: InMemoryService

        init(skew: Double, drainTimeout: Int) throws {
            harness = try Harness(files: 10, extra: ["SCALE_IN_STABILIZATION_SECONDS": "0", "DRAIN_MIN_SECONDS": "0",
                                                     "DRAIN_TIMEOUT_SECONDS": "\(drainTimeout)"],
                                  existing: [Harness.initialTarget, DrainResumeTests.c])
            service = InMemoryService(subnets: ["subnet-0a1", "subnet-0c1"],
                                      clock: ManualClock(Date(timeIntervalSince1970: 1_800_000_000 - skew)), autoComplete: true)
        }

        func run() async throws -> RunReport {
            let configuration = try Configuration.parse(harness.environment)
            let reconciler = Reconciler(configuration: configuration, fileSystem: harness.fileSystem, network: harness.network,
                                        parameters: harness.parameters, lock: harness.lock, service: service, counter: harness.counter,
                                        clock: harness.clock, logger: quietLogger(),
                                        options: ReconcilerOptions(runId: "run-\(UUID().uuidString)"))
            let report = await reconciler.run(deadline: harness.clock.now().addingTimeInterval(300))
            harness.clock.advance(by: 60)
            return report
        }
    }

    @Test func aResumedDrainKeepsTheDeploymentItForced() async throws {
        let world = try World(skew: 3600, drainTimeout: 3600)
        try await world.harness.own(["fsmt-0c"])
        await world.service.setFaults { $0.failNext("updateService", timing: .after) }
        let lost = try await world.run()  // unpublish, redeploy: the answer is lost
        #expect(lost.error != nil)
        #expect(try await world.harness.state()?.pending?.deploymentId == nil)

        let resumed = try await world.run()  // forces one more deployment and must remember it
        #expect(resumed.error == nil, "\(resumed.json())")
        #expect(try await world.harness.state()?.pending?.deploymentId == "ecs-svc/2")

        let done = try await world.run()  // that deployment completed: delete
        #expect(done.error == nil, "\(done.json())")
        #expect(await world.harness.fileSystem.mutations == ["delete fsmt-0c"])
        #expect(await world.service.deploymentsStarted == 2, "no deployment on every run")
        #expect(try await world.harness.state()?.pending == nil)
        #expect(await world.service.state.subnets == ["subnet-0a1"])
        try await world.harness.checkInvariant()
    }

    @Test func aDrainWhoseDeploymentIsNeverKnownEndsAtTheTimeout() async throws {
        let world = try World(skew: 3600, drainTimeout: 300)
        try await world.harness.own(["fsmt-0c"])
        var runs = 0
        while await world.harness.fileSystem.mutations.isEmpty, runs < 12 {
            await world.service.setFaults { $0.failNext("updateService", timing: .after) }
            _ = try await world.run()
            runs += 1
        }
        #expect(await world.harness.fileSystem.mutations == ["delete fsmt-0c"], "the drain timeout (300 s) ends it")
        #expect(runs <= 7, "one run a minute: deleted within the timeout plus a run or two, took \(runs)")
        try await world.harness.checkInvariant()
    }
}
