import AWSCore
import Foundation
import Testing
import TestSupport
@testable import AWSServices

/// Every operation, signed by our client and checked by moto's independent SigV4 and IAM.
@Suite(.serialized) struct ServiceOperationsMotoTests {
    @Test func efsOperationsAgainstMoto() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let efs = EFSClient(executor: try MotoClient.make(scenario.environment()))
            let fsId = try #require(scenario.fileSystemId)
            let zones = try #require(scenario.zones)
            let subnets = try #require(scenario.subnetsByAz)
            let sg = try #require(scenario.securityGroupId)
            try await moto.clearRequestLog()

            let fs = try await efs.describeFileSystem(id: fsId)
            #expect(fs.lifeCycleState == .available)

            var created: [EFSMountTarget] = []
            for zone in zones.dropFirst() {
                let subnet = try #require(subnets[zone]?.first)
                created.append(try await efs.createMountTarget(.init(fileSystemId: fsId, subnetId: subnet, securityGroups: [sg])))
            }
            #expect(created.map(\.availabilityZoneName) == zones.dropFirst().map { Optional($0) })

            // One per page: NextMarker followed to the end against moto's own paging.
            let all = try await efs.describeMountTargets(fileSystemId: fsId, pageSize: 1)
            #expect(Set(all.map(\.mountTargetId)) == Set(scenario.mountTargetIds! + created.map(\.mountTargetId)))
            let byId = try await efs.describeMountTarget(id: created[0].mountTargetId)
            #expect(byId.subnetId == created[0].subnetId)

            // A second subnet in a zone that already has a mount target.
            let sameZone = try #require(subnets[zones[0]]?.last)
            let conflict = await #expect(throws: AWSError.self) {
                try await efs.createMountTarget(.init(fileSystemId: fsId, subnetId: sameZone, securityGroups: [sg]))
            }
            #expect(conflict?.kind == .mountTargetConflict)

            try await efs.deleteMountTarget(id: created[1].mountTargetId)
            let remaining = try await efs.describeMountTargets(fileSystemId: fsId)
            #expect(remaining.count == 2)
            let gone = await #expect(throws: AWSError.self) { try await efs.describeMountTarget(id: created[1].mountTargetId) }
            #expect(gone?.kind == .mountTargetNotFound)
            let noFS = await #expect(throws: AWSError.self) { try await efs.describeFileSystem(id: "fs-00000000") }
            #expect(noFS?.kind == .fileSystemNotFound)

            let log = try await moto.requestLog()
            #expect(log.count >= 10)
            #expect(log.allSatisfy { $0.accessKeyId == scenario.accessKeyId })
            // pageSize 1 over three mount targets: three pages.
            #expect(log.filter { $0.path == "/2015-02-01/mount-targets" && $0.query.contains("MaxItems=1") }.count == 3)
        }
    }

    @Test func ec2OperationsAgainstMoto() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let ec2 = EC2Client(executor: try MotoClient.make(scenario.environment()))
            let subnets = try await ec2.describeSubnets(vpcId: scenario.vpcId)
            let expected = Set(scenario.subnetsByAz!.values.flatMap { $0 })
            #expect(Set(subnets.map(\.subnetId)) == expected)
            #expect(subnets.allSatisfy { scenario.subnetsByAz![$0.availabilityZone]?.contains($0.subnetId) == true })
            let some = try await ec2.describeSubnets(subnetIds: Array(scenario.serviceSubnetIds!.prefix(2)))
            #expect(some.map(\.subnetId).sorted() == scenario.serviceSubnetIds!.prefix(2).sorted())
            let missing = await #expect(throws: AWSError.self) { try await ec2.describeSubnets(subnetIds: ["subnet-0123456789abcdef0"]) }
            #expect(missing?.kind == .subnetNotFound)
            let groupIds = [scenario.securityGroupId!, scenario.serviceSecurityGroupId!]
            let groups = try await ec2.describeSecurityGroups(groupIds: groupIds)
            #expect(Set(groups.map(\.groupId)) == Set(groupIds))
            #expect(groups.allSatisfy { $0.vpcId == scenario.vpcId })
            let unknownGroup = await #expect(throws: AWSError.self) {
                try await ec2.describeSecurityGroups(groupIds: [groupIds[0], "sg-0123456789abcdef0"])
            }
            #expect(unknownGroup?.kind == .securityGroupNotFound)
            let zones = try await ec2.describeAvailabilityZones()
            #expect(Set(scenario.zones!).isSubset(of: zones.map(\.zoneName)))
            #expect(zones.allSatisfy { $0.zoneId != nil })
        }
    }

    @Test func ssmOperationsAgainstMoto() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let ssm = SSMClient(executor: try MotoClient.make(scenario.environment()))
            let name = try #require(scenario.parameterName)
            let parameter = try await ssm.getParameter(name: name)
            #expect(parameter.version == 1)
            #expect(parameter.lastModifiedDate != nil)
            let document = try JSONSerialization.jsonObject(with: Data(parameter.value.utf8)) as? [String: [[String: String]]]
            #expect(document?["mount_targets"]?.first?["mount_target_id"] == scenario.mountTargetIds?.first)

            let version = try await ssm.putParameter(name: name, value: #"{"mount_targets":[]}"#, description: "test", overwrite: true)
            #expect(version == 2)
            #expect(try await ssm.getParameter(name: name).value == #"{"mount_targets":[]}"#)
            let exists = await #expect(throws: AWSError.self) { try await ssm.putParameter(name: name, value: "x", overwrite: false) }
            #expect(exists?.kind == .parameterAlreadyExists)
            let notFound = await #expect(throws: AWSError.self) { try await ssm.getParameter(name: "/efs-autoscaler/none") }
            #expect(notFound?.kind == .parameterNotFound)
        }
    }

    @Test func ecsOperationsAgainstMoto() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let ecs = ECSClient(executor: try MotoClient.make(scenario.environment()))
            let cluster = try #require(scenario.clusterName), name = try #require(scenario.serviceName)
            let service = try await ecs.describeService(cluster: cluster, service: name)
            let network = try #require(service.awsvpcConfiguration)
            #expect(network.subnets == scenario.serviceSubnetIds)
            #expect(network.securityGroups == [scenario.serviceSecurityGroupId!])
            #expect(network.assignPublicIp == "DISABLED")
            let first = try #require(service.primaryDeployment)
            #expect(first.createdAt != nil)

            let moved = network.withSubnets(Array(scenario.serviceSubnetIds!.prefix(2)))
            let updated = try await ecs.updateService(cluster: cluster, service: name, awsvpcConfiguration: moved, forceNewDeployment: true)
            #expect(updated.awsvpcConfiguration == moved)
            let after = try await ecs.describeService(cluster: cluster, service: name)
            #expect(after.awsvpcConfiguration == moved)
            #expect(after.primaryDeployment?.id != first.id)

            let missing = await #expect(throws: AWSError.self) { try await ecs.describeService(cluster: cluster, service: "nope") }
            #expect(missing?.kind == .serviceNotFound)
            let noCluster = await #expect(throws: AWSError.self) { try await ecs.describeService(cluster: "nope", service: name) }
            #expect(noCluster?.kind == .clusterNotFound)
        }
    }

    @Test func tokyoHasNoZoneB() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, region: "ap-northeast-1")
            let ec2 = EC2Client(executor: try MotoClient.make(scenario.environment()))
            let zones = try await ec2.describeAvailabilityZones().map(\.zoneName)
            #expect(zones.contains("ap-northeast-1a") && zones.contains("ap-northeast-1c") && zones.contains("ap-northeast-1d"))
            #expect(!zones.contains("ap-northeast-1b"))
            #expect(scenario.zones == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
            let subnets = try await ec2.describeSubnets(vpcId: scenario.vpcId)
            #expect(Set(subnets.map(\.availabilityZone)) == Set(scenario.zones!))
            let efs = EFSClient(executor: try MotoClient.make(scenario.environment()))
            let targets = try await efs.describeMountTargets(fileSystemId: scenario.fileSystemId!)
            #expect(targets.map(\.availabilityZoneName) == ["ap-northeast-1a"])
        }
    }
}
