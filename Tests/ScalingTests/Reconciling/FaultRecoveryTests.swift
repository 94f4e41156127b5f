import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// Every step of a scale-out fails in turn; the state stays consistent and the next runs finish
/// the job without a second mount target or a needless deployment.
@Suite struct FaultRecoveryTests {
    enum Target: Sendable { case fileSystem, parameters, lock, service }

    struct Fault: Sendable, CustomStringConvertible {
        var target: Target
        var operation: String
        var timing: FaultInjector.Timing
        var description: String { "\(operation) \(timing == .before ? "fails" : "performed, response lost")" }
    }

    static let faults: [Fault] = [
        .init(target: .fileSystem, operation: "createMountTarget", timing: .before),
        .init(target: .fileSystem, operation: "createMountTarget", timing: .after),
        .init(target: .fileSystem, operation: "describeMountTarget", timing: .before),
        .init(target: .fileSystem, operation: "describeMountTargets", timing: .before),
        .init(target: .parameters, operation: "put:\(Harness.listName)", timing: .before),
        .init(target: .parameters, operation: "put:\(Harness.listName)", timing: .after),
        .init(target: .lock, operation: "write", timing: .before),
        .init(target: .lock, operation: "write", timing: .after),
        .init(target: .lock, operation: "read", timing: .before),
        .init(target: .service, operation: "updateService", timing: .before),
        .init(target: .service, operation: "updateService", timing: .after),
        .init(target: .service, operation: "describeService", timing: .before),
    ]

    @Test(arguments: faults)
    func scaleOutSurvives(_ fault: Fault) async throws {
        let world = try Harness(files: 200_000)
        switch fault.target {
        case .fileSystem: await world.fileSystem.setFaults { $0.failNext(fault.operation, timing: fault.timing) }
        case .parameters: await world.parameters.setFaults { $0.failNext(fault.operation, timing: fault.timing) }
        case .service: await world.service.setFaults { $0.failNext(fault.operation, timing: fault.timing) }
        case .lock:
            let lock = world.lock
            switch (fault.operation, fault.timing) {
            case ("read", _): await lock.failNextReads(1)
            // The write never lands (the client timed out before DynamoDB saw it).
            case (_, .before): await lock.parkNextWrites(1)
            // The write lands, its response is lost.
            case (_, .after): await lock.parkNextWrites(1, whenParked: { await lock.landParkedWrites() })
            }
        }
        let failed = try await world.run()
        if fault.target == .lock, fault.operation == "write" {
            // An ambiguous lock write is re-read, never blindly resent: the run goes on.
            #expect(failed.error == nil, "\(fault): \(failed.json())")
        } else {
            #expect(failed.error != nil, "the fault is reported: \(fault)")
        }
        try await world.checkInvariant("after \(fault)")
        _ = try await world.state()  // whatever was written still parses

        // Nothing fails any more; at most two more runs converge.
        for _ in 0..<2 {
            world.clock.advance(by: 10)
            let report = try await world.run()
            #expect(report.error == nil, "\(fault): \(report.json())")
            try await world.checkInvariant("while recovering from \(fault)")
        }
        let targets = await world.fileSystem.mountTargets()
        #expect(targets.map(\.availabilityZoneName).sorted() == ["ap-northeast-1a", "ap-northeast-1c"], "\(fault)")
        #expect(await world.fileSystem.mutations.filter { $0.hasPrefix("create") }.count == 1, "created once: \(fault)")
        #expect(try await world.published() == MountTargetList(mountTargets: targets), "\(fault)")
        #expect(await world.service.state.subnets == ["subnet-0a1", "subnet-0c1"], "\(fault)")
        #expect(await world.service.deploymentsStarted == 1, "one deployment: \(fault)")
        let state = try #require(try await world.state())
        #expect(state.pending == nil && state.lease == nil, "\(fault)")
        #expect(await world.lock.item?.owner == nil, "the lock is free: \(fault)")
    }

    @Test func scaleInSurvivesAFailedDelete() async throws {
        let c = MountTarget(id: "fsmt-0c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1", ipAddress: "10.0.3.10",
                            lifeCycleState: .available)
        let world = try Harness(files: 10, extra: ["SCALE_IN_STABILIZATION_SECONDS": "0", "DRAIN_MIN_SECONDS": "120"],
                                existing: [Harness.initialTarget, c])
        try await world.own(["fsmt-0c"])
        try await world.run()  // unpublish, redeploy
        #expect(try await world.state()?.pending?.kind == .scaleInDrain)
        await world.fileSystem.setFaults { $0.failNext("deleteMountTarget") }
        // DRAIN_MIN_SECONDS passes and no task runs in 1c (the service never ran there); before
        // issue 16 this relied on the drain timeout deleting whatever still ran.
        world.clock.advance(by: 200)
        let failed = try await world.run()
        #expect(failed.error != nil)
        #expect(try await world.state()?.pending?.kind == .scaleInDrain, "still pending after the failed delete")
        try await world.checkInvariant()
        let done = try await world.run()
        #expect(done.error == nil)
        #expect(await world.fileSystem.mutations == ["delete fsmt-0c"])
        #expect(try await world.state()?.pending == nil)
        try await world.checkInvariant()
    }

    /// The AZ already has a mount target the observation did not show (someone else created it,
    /// or an earlier response was lost): it is adopted, never duplicated.
    @Test func mountTargetConflictIsAdopted() async throws {
        let world = try Harness(files: 200_000)
        // A mount target appears in 1c between the observation and the create.
        let stale = StaleFirstListing(world.fileSystem)
        _ = try await world.fileSystem.createMountTarget(fileSystemId: "fs-0123abcd", subnetId: "subnet-0c1", securityGroups: [],
                                                         ipAddressType: .ipv4Only)
        let configuration = try Configuration.parse(world.environment)
        let reconciler = Reconciler(configuration: configuration, fileSystem: stale, network: world.network,
                                    parameters: world.parameters, lock: world.lock, service: world.service, counter: world.counter,
                                    clock: world.clock, logger: quietLogger(),
                                    options: ReconcilerOptions(runId: "adopt"))
        let report = await reconciler.run(deadline: world.clock.now().addingTimeInterval(300))
        #expect(report.error == nil, "\(report.json())")
        #expect(!report.newMountTargetCreated)
        #expect(report.actions.contains { $0.action == "create_mount_target" && $0.status == .done })
        #expect(await world.fileSystem.mutations.count == 1, "only the pre-existing create")
        #expect(try await world.published()?.entries.count == 2)
        try await world.checkInvariant()
    }
}

/// Hides every mount target that is not `available` from the listings taken before the run's
/// own create, like an eventually consistent read taken just before someone else's create.
actor StaleFirstListing: FileSystemAPI {
    let base: InMemoryFileSystem
    var created = false

    init(_ base: InMemoryFileSystem) { self.base = base }

    func describeMountTargets(fileSystemId: String) async throws -> [MountTarget] {
        let all = try await base.describeMountTargets(fileSystemId: fileSystemId)
        return created ? all : all.filter { $0.lifeCycleState == .available }
    }

    func describeMountTarget(id: String) async throws -> MountTarget? { try await base.describeMountTarget(id: id) }

    func createMountTarget(fileSystemId: String, subnetId: String, securityGroups: [String],
                           ipAddressType: MountTargetIPAddressType) async throws -> MountTarget {
        created = true
        return try await base.createMountTarget(fileSystemId: fileSystemId, subnetId: subnetId, securityGroups: securityGroups,
                                                ipAddressType: ipAddressType)
    }

    func deleteMountTarget(id: String) async throws { try await base.deleteMountTarget(id: id) }

    func describeFileSystem(id: String) async throws -> FileSystem { try await base.describeFileSystem(id: id) }

    func securityGroups(ofMountTarget id: String) async throws -> [String]? { try await base.securityGroups(ofMountTarget: id) }

    func setSecurityGroups(ofMountTarget id: String, to groups: [String]) async throws {
        try await base.setSecurityGroups(ofMountTarget: id, to: groups)
    }
}
