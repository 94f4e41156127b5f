import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// Issue 17 through the reconciler and the in-memory fakes: security groups set back on owned
/// mount targets (fenced), One Zone file systems, IPv6 mount targets.
@Suite struct DriftAndZoneReconcilerTests {
    @Test func anOwnedMountTargetOnTheOldGroupIsSetBackAndReported() async throws {
        let world = try Harness()
        try await world.setState(StateDocument(ownedMountTargetIds: ["fsmt-0a"]))
        await world.fileSystem.replaceSecurityGroups(of: "fsmt-0a", with: ["sg-0old"])
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.fileSystem.mutations == ["security-groups fsmt-0a -> sg-0a1b"])
        #expect(await world.fileSystem.securityGroups(of: "fsmt-0a") == ["sg-0a1b"])
        #expect(report.actions.map(\.action) == ["set_security_groups", "record_state"], "\(report.actions)")
        #expect(report.actions.allSatisfy { $0.status == .done })
        #expect(report.securityGroupDrift.map(\.mountTargetId) == ["fsmt-0a"])
        #expect(report.json().contains(#""security_group_drift":[{"actual":["sg-0old"],"availability_zone":"ap-northeast-1a","expected":["sg-0a1b"],"mount_target_id":"fsmt-0a","owned":true}]"#),
                "\(report.json())")
        // Converged: the next run finds nothing to do.
        let again = try await world.run()
        #expect(again.actions.isEmpty && again.securityGroupDrift.isEmpty, "\(again.json())")
    }

    @Test func aMountTargetNotOwnedIsReportedNeverModified() async throws {
        let world = try Harness()
        await world.fileSystem.replaceSecurityGroups(of: "fsmt-0a", with: ["sg-0old"])
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(report.securityGroupDrift.map(\.owned) == [false])
        #expect(report.securityGroupDrift.first?.actual == ["sg-0old"])
    }

    @Test func aDryRunShowsTheRepairAndChangesNothing() async throws {
        let world = try Harness()
        try await world.setState(StateDocument(ownedMountTargetIds: ["fsmt-0a"]))
        await world.fileSystem.replaceSecurityGroups(of: "fsmt-0a", with: ["sg-0old"])
        let report = try await world.run(dryRun: true)
        #expect(report.actions.map(\.action) == ["set_security_groups", "record_state"], "\(report.actions)")
        #expect(report.actions.allSatisfy { $0.status == .planned })
        #expect(report.actions.first?.description == "set the security groups of mount target fsmt-0a in ap-northeast-1a to sg-0a1b")
        #expect(await world.fileSystem.mutations.isEmpty)
    }

    /// The modify is fenced like every mutation: another run takes the lock after this one
    /// observed (while it reads the groups), so its plan still says "modify", and only the fence
    /// before the call can stop it.
    @Test func aRunThatLostTheLockAfterObservingDoesNotTouchTheGroups() async throws {
        let world = try Harness()
        try await world.setState(StateDocument(ownedMountTargetIds: ["fsmt-0a"]))
        await world.fileSystem.replaceSecurityGroups(of: "fsmt-0a", with: ["sg-0old"])
        let stealing = StealsTheLockWhileReadingGroups(world.fileSystem, lock: world.lock)
        let configuration = try Configuration.parse(world.environment)
        let reconciler = Reconciler(configuration: configuration, fileSystem: stealing, network: world.network,
                                    parameters: world.parameters, lock: world.lock, service: world.service,
                                    counter: world.counter, clock: world.clock, logger: quietLogger(),
                                    options: ReconcilerOptions(runId: "victim"))
        let report = await reconciler.run(deadline: world.clock.now().addingTimeInterval(300))
        #expect(report.lockLost, "\(report.json())")
        #expect(report.actions.first { $0.action == "set_security_groups" }?.status == .failed, "\(report.actions)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.fileSystem.securityGroups(of: "fsmt-0a") == ["sg-0old"])
        #expect(await world.lock.item?.owner == "thief")
    }

    @Test func aOneZoneFileSystemWithAMinimumOfTwoStopsInThePreflight() async throws {
        let world = try Harness(extra: ["MIN_MOUNT_TARGETS": "2"], oneZone: "ap-northeast-1a")
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("MIN_MOUNT_TARGETS=\"2\"") && error.contains("One Zone"), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.lock.landed.isEmpty, "not even the lock is written")
    }

    @Test func ipv6OnlyWithoutAnIPv6OnlySubnetStopsInThePreflight() async throws {
        let world = try Harness(files: 200_000, extra: ["MOUNT_TARGET_IP_ADDRESS_TYPE": "IPV6_ONLY"])
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("MOUNT_TARGET_IP_ADDRESS_TYPE=\"IPV6_ONLY\""), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.lock.landed.isEmpty, "not even the lock is written")
    }

    @Test func aOneZoneFileSystemHoldsAtOneMountTarget() async throws {
        let world = try Harness(files: 900_000, extra: ["MAX_MOUNT_TARGETS": "3"], oneZone: "ap-northeast-1a")
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(report.hold == .oneZone(fileSystemId: "fs-0123abcd", availabilityZone: "ap-northeast-1a"))
    }

    @Test func aDualStackMountTargetIsCreatedAsSuchAndPublishedWithItsIPv6Address() async throws {
        let world = try Harness(files: 200_000, extra: ["MOUNT_TARGET_IP_ADDRESS_TYPE": "DUAL_STACK"])
        let report = try await world.run()
        #expect(report.error == nil && report.newMountTargetCreated, "\(report.json())")
        let created = try #require(await world.fileSystem.mountTargets().first { $0.id != "fsmt-0a" })
        #expect(created.ipv6Address != nil && created.ipAddress != nil)
        let entry = try #require(try await world.published()?.entries.first { $0.mountTargetId == created.id })
        #expect(entry.ipv6Address == created.ipv6Address && entry.ipAddress == created.ipAddress)
        let text = try #require(await world.parameters.value(Harness.listName))
        #expect(text.contains(#""mount_target_id":"fsmt-0a","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-0a1"}"#),
                "the IPv4-only entry keeps the original bytes: \(text)")
    }
}

/// Another run takes the lock (one version ahead, owner "thief") during the first read of a
/// mount target's groups, i.e. after this run read its lock record for the observation.
actor StealsTheLockWhileReadingGroups: FileSystemAPI {
    let base: InMemoryFileSystem
    let lock: InMemoryLockStore
    var stolen = false

    init(_ base: InMemoryFileSystem, lock: InMemoryLockStore) {
        self.base = base
        self.lock = lock
    }

    func securityGroups(ofMountTarget id: String) async throws -> [String]? {
        if !stolen, let held = await lock.item, held.owner != nil {
            stolen = true
            await lock.set(LockRecord(owner: "thief", expiresAt: held.expiresAt, version: held.version + 1,
                                      writeId: "thief#1", state: held.state))
        }
        return try await base.securityGroups(ofMountTarget: id)
    }

    func describeMountTargets(fileSystemId: String) async throws -> [MountTarget] {
        try await base.describeMountTargets(fileSystemId: fileSystemId)
    }
    func describeMountTarget(id: String) async throws -> MountTarget? { try await base.describeMountTarget(id: id) }
    func createMountTarget(fileSystemId: String, subnetId: String, securityGroups: [String],
                           ipAddressType: MountTargetIPAddressType) async throws -> MountTarget {
        try await base.createMountTarget(fileSystemId: fileSystemId, subnetId: subnetId, securityGroups: securityGroups,
                                         ipAddressType: ipAddressType)
    }
    func deleteMountTarget(id: String) async throws { try await base.deleteMountTarget(id: id) }
    func describeFileSystem(id: String) async throws -> FileSystem { try await base.describeFileSystem(id: id) }
    func setSecurityGroups(ofMountTarget id: String, to groups: [String]) async throws {
        try await base.setSecurityGroups(ofMountTarget: id, to: groups)
    }
}
