import AWSCore
import Foundation
import Testing
@testable import AWSServices

@Suite struct EFSClientTests {
    @Test func describeFileSystemSendsGETWithIdAndToleratesNulls() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeFileSystems)
        let fs = try await EFSClient(executor: executor).describeFileSystem(id: "fs-6088874a")
        #expect(fs.fileSystemId == "fs-6088874a")
        #expect(fs.lifeCycleState == .available)
        #expect(fs.numberOfMountTargets == 1)
        #expect(fs.name == nil)
        #expect(abs((fs.creationTime?.timeIntervalSince1970 ?? 0) - 1795317632.2973738) < 0.001)
        let request = try #require(executor.requests.first)
        #expect(request.service == .efs)
        #expect(request.operation == "DescribeFileSystems")
        #expect(request.method == "GET")
        #expect(request.path == "/2015-02-01/file-systems")
        #expect(request.queryValue("FileSystemId") == "fs-6088874a")
        #expect(request.idempotent)
    }

    @Test func describeFileSystemWithEmptyListIsFileSystemNotFound() async throws {
        let executor = ReplayExecutor(body: #"{"FileSystems": []}"#)
        let error = await #expect(throws: AWSError.self) { try await EFSClient(executor: executor).describeFileSystem(id: "fs-1") }
        #expect(error?.kind == .fileSystemNotFound)
    }

    @Test func describeMountTargetsFollowsNextMarkerToTheEnd() async throws {
        let pages: [String?: (targets: [String], next: String?)] = [
            nil: ([RecordedResponses.mountTarget("fsmt-1", subnet: "subnet-1", zone: "us-east-1a", ip: "10.0.1.4")], "m1"),
            "m1": ([RecordedResponses.mountTarget("fsmt-2", subnet: "subnet-2", zone: "us-east-1b", ip: "10.0.2.4")], "m2"),
            "m2": ([RecordedResponses.mountTarget("fsmt-3", subnet: "subnet-3", zone: "us-east-1c", ip: "10.0.3.4")], nil),
        ]
        let executor = ReplayExecutor { request, _ in
            let page = try #require(pages[request.queryValue("Marker")])
            return HTTPResponse(status: 200, body: Array(RecordedResponses.describeMountTargets(page.targets, nextMarker: page.next).utf8))
        }
        let targets = try await EFSClient(executor: executor).describeMountTargets(fileSystemId: "fs-6088874a", pageSize: 1)
        #expect(targets.map(\.mountTargetId) == ["fsmt-1", "fsmt-2", "fsmt-3"])
        #expect(targets.map(\.availabilityZoneName) == ["us-east-1a", "us-east-1b", "us-east-1c"])
        #expect(targets[0].availabilityZoneId == nil)
        #expect(executor.requests.map { $0.queryValue("Marker") } == [nil, "m1", "m2"])
        #expect(executor.requests.allSatisfy { $0.queryValue("MaxItems") == "1" && $0.queryValue("FileSystemId") == "fs-6088874a" })
    }

    @Test func aRepeatingMarkerStopsInsteadOfLooping() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeMountTargets([], nextMarker: "same"))
        await #expect(throws: ServiceResponseError.self) {
            try await EFSClient(executor: executor).describeMountTargets(fileSystemId: "fs-1")
        }
        #expect(executor.requests.count == 2)
    }

    @Test func describeMountTargetByIdUsesMountTargetIdQuery() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeMountTargets(
            [RecordedResponses.mountTarget("fsmt-9", subnet: "subnet-9", zone: "us-east-1d", ip: "10.0.9.9")], nextMarker: nil))
        let target = try await EFSClient(executor: executor).describeMountTarget(id: "fsmt-9")
        #expect(target.ipAddress == "10.0.9.9")
        #expect(executor.requests.first?.queryValue("MountTargetId") == "fsmt-9")
        #expect(executor.requests.first?.queryValue("FileSystemId") == nil)
    }

    @Test func createMountTargetPostsJSONAndIsNotIdempotent() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.mountTarget("fsmt-e6763b54", subnet: "subnet-f4", zone: "us-east-1a", ip: "10.0.1.4"))
        let input = CreateMountTargetInput(fileSystemId: "fs-6088874a", subnetId: "subnet-f4", securityGroups: ["sg-1", "sg-2"], ipAddress: "10.0.1.4")
        let target = try await EFSClient(executor: executor).createMountTarget(input)
        #expect(target.mountTargetId == "fsmt-e6763b54")
        let request = try #require(executor.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/2015-02-01/mount-targets")
        #expect(!request.idempotent)
        #expect(request.headers["Content-Type"] == nil) // protocol headers are AWSClient's to set
        let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        #expect(body?["FileSystemId"] as? String == "fs-6088874a")
        #expect(body?["SubnetId"] as? String == "subnet-f4")
        #expect(body?["SecurityGroups"] as? [String] == ["sg-1", "sg-2"])
        #expect(body?["IpAddress"] as? String == "10.0.1.4")
    }

    @Test func createMountTargetWithoutAddressOmitsIt() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.mountTarget("fsmt-1", subnet: "subnet-1", zone: "us-east-1a", ip: "10.0.1.4"))
        _ = try await EFSClient(executor: executor).createMountTarget(.init(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"]))
        #expect(!(executor.requests.first?.bodyText.contains("IpAddress") ?? true))
    }

    @Test func deleteMountTargetSendsDELETEOnTheIdPath() async throws {
        let executor = ReplayExecutor { _, _ in HTTPResponse(status: 204) }
        try await EFSClient(executor: executor).deleteMountTarget(id: "fsmt-e6763b54")
        let request = try #require(executor.requests.first)
        #expect(request.method == "DELETE")
        #expect(request.path == "/2015-02-01/mount-targets/fsmt-e6763b54")
        #expect(request.body.isEmpty)
    }

    @Test func badInputIsRejectedBeforeAnyRequest() async throws {
        let executor = ReplayExecutor(body: "{}")
        let client = EFSClient(executor: executor)
        let empty = await #expect(throws: ServiceInputError.self) { try await client.deleteMountTarget(id: "") }
        #expect(empty?.parameter == "MountTargetId")
        await #expect(throws: ServiceInputError.self) { try await client.describeFileSystem(id: "fs-1\n") }
        await #expect(throws: ServiceInputError.self) {
            try await client.createMountTarget(.init(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: []))
        }
        #expect(executor.requests.isEmpty)
    }

    @Test func malformedBodyIsAServiceResponseErrorNamingTheOperation() async throws {
        let executor = ReplayExecutor(body: "<html>proxy error</html>")
        let error = await #expect(throws: ServiceResponseError.self) {
            try await EFSClient(executor: executor).describeMountTargets(fileSystemId: "fs-1")
        }
        #expect(error?.operation == "DescribeMountTargets")
        #expect(error?.service == "efs")
    }
    // MARK: Security groups, IPv6, One Zone (issue 17)

    @Test func describeMountTargetSecurityGroupsGetsTheIdPath() async throws {
        // moto 5.2's answer, verbatim.
        let executor = ReplayExecutor(body: #"{"SecurityGroups": ["sg-e0b1d61b4960a4cef", "sg-2"]}"#)
        let groups = try await EFSClient(executor: executor).describeMountTargetSecurityGroups(id: "fsmt-e6763b54")
        #expect(groups == ["sg-e0b1d61b4960a4cef", "sg-2"])
        let request = try #require(executor.requests.first)
        #expect(request.operation == "DescribeMountTargetSecurityGroups")
        #expect(request.iamAction == "elasticfilesystem:DescribeMountTargetSecurityGroups")
        #expect(request.method == "GET")
        #expect(request.path == "/2015-02-01/mount-targets/fsmt-e6763b54/security-groups")
        #expect(request.body.isEmpty && request.idempotent)
    }

    @Test func describeMountTargetSecurityGroupsWithoutTheListIsAResponseError() async throws {
        let executor = ReplayExecutor(body: "{}")
        await #expect(throws: ServiceResponseError.self) {
            try await EFSClient(executor: executor).describeMountTargetSecurityGroups(id: "fsmt-1")
        }
    }

    @Test func modifyMountTargetSecurityGroupsPutsTheWholeList() async throws {
        // EFS answers 204 without a body (moto answers 200 "{}"); both are success.
        let executor = ReplayExecutor { _, _ in HTTPResponse(status: 204) }
        try await EFSClient(executor: executor).modifyMountTargetSecurityGroups(id: "fsmt-1", securityGroups: ["sg-new", "sg-2"])
        let request = try #require(executor.requests.first)
        #expect(request.operation == "ModifyMountTargetSecurityGroups")
        #expect(request.method == "PUT")
        #expect(request.path == "/2015-02-01/mount-targets/fsmt-1/security-groups")
        #expect(request.headers["Content-Type"] == nil) // protocol headers are AWSClient's to set
        let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        #expect(body?["SecurityGroups"] as? [String] == ["sg-new", "sg-2"])
        #expect(body?.count == 1, "the id travels in the path only")
        await #expect(throws: ServiceInputError.self) {
            try await EFSClient(executor: executor).modifyMountTargetSecurityGroups(id: "fsmt-1", securityGroups: [])
        }
        #expect(executor.requests.count == 1)
    }

    @Test func createMountTargetSendsIpAddressTypeOnlyWhenGiven() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.mountTarget("fsmt-1", subnet: "subnet-1", zone: "us-east-1a", ip: "10.0.1.4"))
        let client = EFSClient(executor: executor)
        _ = try await client.createMountTarget(.init(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"],
                                                     ipAddressType: .dualStack))
        _ = try await client.createMountTarget(.init(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"]))
        let bodies = executor.requests.map { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        #expect(bodies[0]?["IpAddressType"] as? String == "DUAL_STACK")
        #expect(bodies[1]?["IpAddressType"] == nil)
    }

    @Test func mountTargetsDecodeTheirIPv6Address() async throws {
        // Shaped like the EFS API reference's MountTargetDescription for an IPv6-only and a dual-stack target.
        let ipv6Only = #"{"OwnerId": "123456789012", "MountTargetId": "fsmt-6", "FileSystemId": "fs-1", "SubnetId": "subnet-6", "LifeCycleState": "available", "Ipv6Address": "2600:1f18:abc:de00::5", "NetworkInterfaceId": "eni-1", "AvailabilityZoneId": "use1-az6", "AvailabilityZoneName": "us-east-1a", "VpcId": "vpc-1"}"#
        let dual = #"{"MountTargetId": "fsmt-d", "FileSystemId": "fs-1", "SubnetId": "subnet-d", "LifeCycleState": "available", "IpAddress": "10.0.2.5", "Ipv6Address": "2600:1f18:abc:de01::7", "AvailabilityZoneName": "us-east-1b"}"#
        let executor = ReplayExecutor(body: RecordedResponses.describeMountTargets([ipv6Only, dual], nextMarker: nil))
        let targets = try await EFSClient(executor: executor).describeMountTargets(fileSystemId: "fs-1")
        #expect(targets.map(\.ipAddress) == [nil, "10.0.2.5"])
        #expect(targets.map(\.ipv6Address) == ["2600:1f18:abc:de00::5", "2600:1f18:abc:de01::7"])
    }

    @Test func aOneZoneFileSystemNamesItsZone() async throws {
        // moto 5.2's answer for create_file_system(AvailabilityZoneName="us-east-1a"), trimmed to the fields read.
        let executor = ReplayExecutor(body: #"{"FileSystems": [{"FileSystemId": "fs-1z", "LifeCycleState": "available", "AvailabilityZoneName": "us-east-1a", "AvailabilityZoneId": "use1-az6", "NumberOfMountTargets": 0, "CreationTime": 1795317632.29, "Tags": []}]}"#)
        let fs = try await EFSClient(executor: executor).describeFileSystem(id: "fs-1z")
        #expect(fs.availabilityZoneName == "us-east-1a")
        #expect(fs.availabilityZoneId == "use1-az6")
        let regional = try await EFSClient(executor: ReplayExecutor(body: RecordedResponses.describeFileSystems)).describeFileSystem(id: "fs-6088874a")
        #expect(regional.availabilityZoneName == nil, "moto sends null for a regional file system")
    }
}
