import Foundation
import Scaling
import Testing
import TestSupport

/// Issue 17 against moto (which models DescribeMountTargetSecurityGroups,
/// ModifyMountTargetSecurityGroups and a One Zone `AvailabilityZoneName`; it ignores
/// `IpAddressType`, so IPv6 is tested against recorded answers in `EFSFileSystemAPITests`).
@Suite(.serialized) struct DriftAndZoneEndToEndTests {
    /// Terraform replaces the mount targets' group: the autoscaler's own mount target is moved to
    /// the new group (one ModifyMountTargetSecurityGroups), the seeded one, which it did not
    /// create, is reported and left alone; the next run has nothing left to repair.
    @Test func aReplacedGroupIsPutOnOwnedMountTargetsAndReportedOnOthers() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto)
            let oldGroup = try #require(world.scenario.securityGroupId)
            let seeded = try #require(world.scenario.mountTargetIds?.first)

            let out = try await world.run(files: 50_000)
            #expect(out.report.error == nil && out.report.newMountTargetCreated, "\(out.report.json())")
            #expect(out.report.securityGroupDrift.isEmpty, "\(out.report.json())")
            let owned = try #require(try await world.world().mountTargets.first { $0.mountTargetId != seeded }?.mountTargetId)

            let newGroup = try await world.scenario.createSecurityGroup(name: "efs-mount-targets-v2")
            let drifted = try await world.run(files: 10, ["SECURITY_GROUP_ID": newGroup])
            #expect(drifted.report.error == nil, "\(drifted.report.json())")
            #expect(drifted.requests.count("DescribeMountTargetSecurityGroups") == 2)
            #expect(drifted.worldMutations == ["ModifyMountTargetSecurityGroups"], "\(drifted.requests.mutations)")
            #expect(try await world.scenario.mountTargetSecurityGroups(owned) == [newGroup])
            #expect(try await world.scenario.mountTargetSecurityGroups(seeded) == [oldGroup], "not owned: never modified")
            let drift = drifted.report.securityGroupDrift.sorted { $0.mountTargetId < $1.mountTargetId }
            #expect(Set(drift.map(\.mountTargetId)) == [owned, seeded])
            #expect(drift.allSatisfy { $0.actual == [oldGroup] && $0.expected == [newGroup] })
            #expect(drift.first { $0.mountTargetId == owned }?.owned == true)
            #expect(drift.first { $0.mountTargetId == seeded }?.owned == false)
            #expect(drifted.report.actions.contains { $0.action == "set_security_groups" && $0.status == .done })

            let again = try await world.run(files: 10, ["SECURITY_GROUP_ID": newGroup])
            #expect(again.report.error == nil)
            #expect(again.worldMutations == [], "\(again.requests.mutations)")
            #expect(again.report.securityGroupDrift.map(\.mountTargetId) == [seeded])
        }
    }

    /// A One Zone file system (moto's create_file_system with AvailabilityZoneName): far above
    /// the threshold with MAX_MOUNT_TARGETS=3, no second mount target is tried and the plan says
    /// why; MIN_MOUNT_TARGETS=2 stops in the preflight, naming the variable, with no write at all.
    @Test func aOneZoneFileSystemKeepsOneMountTarget() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto, oneZone: true)
            let zone = world.zones[0]
            let held = try await world.run(files: 50_000, ["MAX_MOUNT_TARGETS": "3"])
            #expect(held.report.error == nil, "\(held.report.json())")
            #expect(held.requests.count("CreateMountTarget") == 0)
            #expect(held.worldMutations == [], "\(held.requests.mutations)")
            #expect(held.report.hold == .oneZone(fileSystemId: world.scenario.fileSystemId!, availabilityZone: zone),
                    "\(held.report.json())")

            let refused = try await world.run(files: 50_000, ["MIN_MOUNT_TARGETS": "2"])
            let error = try #require(refused.report.error)
            #expect(error.contains("MIN_MOUNT_TARGETS=\"2\"") && error.contains("One Zone file system in \(zone)"), "\(error)")
            #expect(refused.requests.mutations == [], "not even the lock")
            #expect(try await world.world().mountTargets.count == 1)
        }
    }
}
