import AWSCore
import AWSServices
import Foundation
import Scaling
import ScalingAWS
import Synchronization
import Testing

/// The EFS adapter against recorded answers, for what moto 5.2 does not model: it ignores
/// `IpAddressType` and never returns `Ipv6Address`, and it has no `IncorrectMountTargetState`.
@Suite struct EFSFileSystemAPITests {
    /// Answers from a script and keeps every request.
    final class Recorder: AWSRequestExecutor {
        let answer: @Sendable (AWSServiceRequest) throws -> HTTPResponse
        private let seen = Mutex<[AWSServiceRequest]>([])
        init(_ answer: @escaping @Sendable (AWSServiceRequest) throws -> HTTPResponse) { self.answer = answer }
        var requests: [AWSServiceRequest] { seen.withLock { $0 } }
        func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse {
            seen.withLock { $0.append(request) }
            return try answer(request)
        }
    }

    // Shaped like the EFS API reference's CreateMountTarget answer for a dual-stack mount target.
    static let dualStack = #"{"OwnerId": "123456789012", "MountTargetId": "fsmt-d", "FileSystemId": "fs-1", "SubnetId": "subnet-1", "LifeCycleState": "creating", "IpAddress": "10.0.1.5", "Ipv6Address": "2600:1f18:abc:de00::5", "NetworkInterfaceId": "eni-1", "AvailabilityZoneId": "use1-az6", "AvailabilityZoneName": "us-east-1a", "VpcId": "vpc-1"}"#

    func body(_ request: AWSServiceRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
    }

    @Test func theAddressTypeReachesCreateMountTargetAndTheIPv6AddressComesBack() async throws {
        let executor = Recorder { _ in HTTPResponse(status: 200, body: Array(Self.dualStack.utf8)) }
        let api = EFSFileSystemAPI(efs: EFSClient(executor: executor))
        let created = try await api.createMountTarget(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"],
                                                      ipAddressType: .dualStack)
        #expect(created.ipv6Address == "2600:1f18:abc:de00::5" && created.ipAddress == "10.0.1.5")
        _ = try await api.createMountTarget(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"], ipAddressType: .ipv6Only)
        _ = try await api.createMountTarget(fileSystemId: "fs-1", subnetId: "subnet-1", securityGroups: ["sg-1"], ipAddressType: .ipv4Only)
        let types = executor.requests.map { body($0)["IpAddressType"] as? String }
        // IPV4_ONLY is EFS's default and left out: the request stays byte for byte what it was.
        #expect(types == ["DUAL_STACK", "IPV6_ONLY", nil])
    }

    @Test func groupsOfAMountTargetWithoutAnInterfaceOrGoneAreUnknownNotAnError() async throws {
        let executor = Recorder { request in
            let code = request.path.contains("fsmt-gone") ? "MountTargetNotFound" : "IncorrectMountTargetState"
            throw AWSError(service: "efs", operation: request.operation, httpStatus: 409, code: code, message: "x")
        }
        let api = EFSFileSystemAPI(efs: EFSClient(executor: executor))
        #expect(try await api.securityGroups(ofMountTarget: "fsmt-new") == nil)
        #expect(try await api.securityGroups(ofMountTarget: "fsmt-gone") == nil)
        let denied = Recorder { request in
            throw AWSError(service: "efs", operation: request.operation, httpStatus: 403, code: "AccessDeniedException", message: "no")
        }
        await #expect(throws: AWSError.self) {
            try await EFSFileSystemAPI(efs: EFSClient(executor: denied)).securityGroups(ofMountTarget: "fsmt-1")
        }
    }

    @Test func aOneZoneFileSystemKeepsItsZoneAndAnEmptyZoneIsRegional() async throws {
        let oneZone = Recorder { _ in HTTPResponse(status: 200, body: Array(#"{"FileSystems": [{"FileSystemId": "fs-1", "LifeCycleState": "available", "AvailabilityZoneName": "us-east-1a"}]}"#.utf8)) }
        #expect(try await EFSFileSystemAPI(efs: EFSClient(executor: oneZone)).describeFileSystem(id: "fs-1").availabilityZoneName == "us-east-1a")
        let regional = Recorder { _ in HTTPResponse(status: 200, body: Array(#"{"FileSystems": [{"FileSystemId": "fs-1", "LifeCycleState": "available", "AvailabilityZoneName": null}]}"#.utf8)) }
        #expect(try await EFSFileSystemAPI(efs: EFSClient(executor: regional)).describeFileSystem(id: "fs-1").isOneZone == false)
    }
}
