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

    /// The modify is fenced like every mutation: a run whose lock was taken over changes nothing.
    @Test func aRunThatLostTheLockDoesNotTouchTheGroups() async throws {
        let world = try Harness()
        try await world.setState(StateDocument(ownedMountTargetIds: ["fsmt-0a"]))
        await world.fileSystem.replaceSecurityGroups(of: "fsmt-0a", with: ["sg-0old"])
        // The run's only write before the modify is taking the lock; the thief comes right after.
        await world.lock.stealAfterWrites(1)
        let report = try await world.run()
        #expect(report.lockLost, "\(report.json())")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.fileSystem.securityGroups(of: "fsmt-0a") == ["sg-0old"])
    }

    @Test func aOneZoneFileSystemWithAMinimumOfTwoStopsInThePreflight() async throws {
        let world = try Harness(extra: ["MIN_MOUNT_TARGETS": "2"], oneZone: "ap-northeast-1a")
        let report = try await world.run()
        let error = try #require(report.error)
        #expect(error.contains("MIN_MOUNT_TARGETS=\"2\"") && error.contains("One Zone"), "\(error)")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(await world.lock.landed.isEmpty, "not even the lock is written")
    }

    @Test func aOneZoneFileSystemHoldsAtOneMountTarget() async throws {
        let world = try Harness(files: 900_000, extra: ["MAX_MOUNT_TARGETS": "3"], oneZone: "ap-northeast-1a")
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.fileSystem.mutations.isEmpty)
        #expect(report.holdReason == "fs-0123abcd is a One Zone file system in ap-northeast-1a: it allows one mount target")
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
