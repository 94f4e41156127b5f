import Foundation
import Logging
import Testing
import TestSupport
@testable import Scaling
import ScalingTestSupport

/// A small AWS world built from the in-memory fakes: three AZs of ap-northeast-1 (no 1b; 1a has
/// two subnets), one file system with a mount target in 1a, an ECS service in 1a, the list published;
/// the mount targets' security group and one of another VPC.
struct Harness {
    static let listName = "/efs/mount-targets"
    static let stateName = "/efs/mount-targets/state"
    static let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", availabilityZoneId: "apne1-az4", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 100),
        Subnet(id: "subnet-0a2", availabilityZoneName: "ap-northeast-1a", availabilityZoneId: "apne1-az4", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 100),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", availabilityZoneId: "apne1-az1", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 100),
        Subnet(id: "subnet-0d1", availabilityZoneName: "ap-northeast-1d", availabilityZoneId: "apne1-az2", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 100),
    ]
    static let initialTarget = MountTarget(id: "fsmt-0a", availabilityZoneName: "ap-northeast-1a", subnetId: "subnet-0a1",
                                           ipAddress: "10.0.1.10", lifeCycleState: .available)

    let clock = ManualClock()
    let fileSystem: InMemoryFileSystem
    static let securityGroups = [SecurityGroup(id: "sg-0a1b", vpcId: "vpc-0a1b2c3d"), SecurityGroup(id: "sg-0f0f", vpcId: "vpc-0ffff")]
    let network = InMemoryNetwork(subnets: Harness.subnets, securityGroups: Harness.securityGroups)
    let parameters: InMemoryParameterStore
    let lock = InMemoryLockStore()
    let service: InMemoryService
    let counter: FixedFileCount
    var environment: [String: String]
    private static let runs = Counter()

    /// `oneZone`: the file system is One Zone in that AZ.
    init(files: Int = 10, extra: [String: String] = [:], existing: [MountTarget] = [Harness.initialTarget],
         oneZone: String? = nil) throws {
        fileSystem = InMemoryFileSystem(subnets: Self.subnets, clock: clock, creationSeconds: 40, existing: existing,
                                        availabilityZoneName: oneZone)
        let list = try MountTargetList(mountTargets: existing.filter { $0.lifeCycleState == .available }).encode(parameter: Self.listName)
        parameters = InMemoryParameterStore([Self.listName: list])
        service = InMemoryService(subnets: ["subnet-0a1"], clock: clock)
        counter = FixedFileCount(.files(files), clock: clock)
        environment = [
            "TARGET_DIRECTORY": "/mnt/efs", "EFS_FILE_SYSTEM_ID": "fs-0123abcd", "VPC_ID": "vpc-0a1b2c3d",
            "SSM_PARAMETER_NAME": Self.listName, "SECURITY_GROUP_ID": "sg-0a1b", "ECS_CLUSTER_NAME": "workers",
            "ECS_SERVICE_NAME": "indexer", "MANAGE_SERVICE_SUBNETS": "true", "COUNT_CACHE_TTL_SECONDS": "0",
            "SCALE_IN_THRESHOLD": "1000", "LOCK_TABLE_NAME": "efs-autoscaler-lock",
            "MOUNT_TARGET_SETTLE_SECONDS": "0",
        ]
        environment.merge(extra) { _, new in new }
    }

    func reconciler(dryRun: Bool = false, runId: String? = nil, stopRequested: @escaping @Sendable () -> Bool = { false }) throws -> Reconciler {
        var env = environment
        if dryRun { env["DRY_RUN"] = "true" }
        let configuration = try Configuration.parse(env)
        return Reconciler(configuration: configuration, fileSystem: fileSystem, network: network, parameters: parameters,
                          lock: lock, service: service, counter: counter, clock: clock, logger: quietLogger(),
                          options: ReconcilerOptions(runId: runId ?? "run-\(Self.runs.next())", stopRequested: stopRequested))
    }

    /// One run with a 300 s budget (a Lambda's).
    @discardableResult
    func run(dryRun: Bool = false, budget: Double = 300, stopRequested: @escaping @Sendable () -> Bool = { false }) async throws -> RunReport {
        let deadline = clock.now().addingTimeInterval(budget)
        let reconciler = try reconciler(dryRun: dryRun, stopRequested: stopRequested)
        return await reconciler.run(deadline: deadline)
    }

    func published() async throws -> MountTargetList? {
        try await parameters.value(Self.listName).map { try MountTargetList.decode($0, parameter: Self.listName) }
    }

    /// The state the lock item holds.
    func state() async throws -> StateDocument? {
        try await lock.state()
    }

    /// Seeds the lock item's state, as a previous run would have left it.
    func setState(_ document: StateDocument) async throws {
        let version = await (lock.item?.version ?? 0) + 1
        await lock.set(LockRecord(owner: nil, expiresAt: nil, version: version, writeId: "seed#\(version)",
                                  state: try document.encode(parameter: "seed")))
    }

    /// Marks `ids` as created by this autoscaler (the state's `owned_mount_targets`), as the run
    /// that created them would have recorded: only those may ever be drained and deleted.
    func own(_ ids: [String]) async throws {
        var document = try await state() ?? .initial
        document.ownedMountTargetIds = Array(Set(document.ownedMountTargetIds + ids)).sorted()
        try await setState(document)
    }

    /// DESIGN.md §3 plus "never two mount targets in one AZ", checked against the fakes.
    func checkInvariant(_ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let targets = await fileSystem.mountTargets()
        let live = targets.filter(\.occupiesAvailabilityZone)
        #expect(Set(live.map(\.availabilityZoneName)).count == live.count, "two mount targets in one AZ \(context)",
                sourceLocation: sourceLocation)
        let available = Dictionary(targets.filter { $0.lifeCycleState == .available }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in try await published()?.entries ?? [] {
            #expect(available[entry.mountTargetId] != nil, "published \(entry.mountTargetId) is not available \(context)",
                    sourceLocation: sourceLocation)
        }
        let servedAZs = Set(available.values.map(\.availabilityZoneName))
        let azOf = Dictionary(Self.subnets.map { ($0.id, $0.availabilityZoneName) }, uniquingKeysWith: { a, _ in a })
        for subnet in await service.state.subnets {
            #expect(azOf[subnet].map(servedAZs.contains) == true, "service subnet \(subnet) has no mount target \(context)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Unique run ids across tests.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}
