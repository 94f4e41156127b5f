import AWSCore
import AWSServices
import Scaling

/// `FileSystemAPI` over the EFS client: maps EFS shapes onto the scaling model and the
/// error codes the reconciler must tell apart onto `FileSystemAPIError`.
public struct EFSFileSystemAPI: FileSystemAPI {
    let efs: EFSClient

    public init(efs: EFSClient) {
        self.efs = efs
    }

    public func describeMountTargets(fileSystemId: String) async throws -> [MountTarget] {
        try await efs.describeMountTargets(fileSystemId: fileSystemId).map(MountTarget.init)
    }

    public func describeMountTarget(id: String) async throws -> MountTarget? {
        do {
            return MountTarget(try await efs.describeMountTarget(id: id))
        } catch where serviceErrorKind(of: error) == .mountTargetNotFound {
            return nil
        }
    }

    public func createMountTarget(fileSystemId: String, subnetId: String, securityGroups: [String],
                                  ipAddressType: MountTargetIPAddressType) async throws -> MountTarget {
        // IPV4_ONLY is EFS's default: left out, the request stays what it always was.
        let type = ipAddressType == .ipv4Only ? nil : EFSIPAddressType(rawValue: ipAddressType.rawValue)
        do {
            let created = try await efs.createMountTarget(CreateMountTargetInput(
                fileSystemId: fileSystemId, subnetId: subnetId, securityGroups: securityGroups, ipAddressType: type))
            return MountTarget(created)
        } catch let error as AWSError where error.kind == .mountTargetConflict {
            throw FileSystemAPIError.mountTargetConflict(subnetId: subnetId, message: error.message)
        } catch let error as AWSError where Self.refusedInZone.contains(error.kind) {
            throw FileSystemAPIError.refusedInAvailabilityZone(subnetId: subnetId, code: error.code, message: error.message)
        }
    }

    /// Create errors that say "not in this AZ (now)" rather than "not at all".
    static let refusedInZone: Set<ServiceErrorKind> = [.noFreeAddressesInSubnet, .unsupportedAvailabilityZone,
                                                       .availabilityZonesMismatch, .networkInterfaceLimitExceeded]

    public func deleteMountTarget(id: String) async throws {
        do {
            try await efs.deleteMountTarget(id: id)
        } catch where serviceErrorKind(of: error) == .mountTargetNotFound {
            // Already gone: the goal of the call is reached.
        }
    }

    public func describeFileSystem(id: String) async throws -> FileSystem {
        let described = try await efs.describeFileSystem(id: id)
        return FileSystem(id: described.fileSystemId, availabilityZoneName: described.availabilityZoneName.flatMap { $0.isEmpty ? nil : $0 })
    }

    public func securityGroups(ofMountTarget id: String) async throws -> [String]? {
        do {
            return try await efs.describeMountTargetSecurityGroups(id: id)
        } catch where [.mountTargetNotFound, .incorrectMountTargetState].contains(serviceErrorKind(of: error)) {
            // Deleted since the listing, or no network interface yet: nothing to compare.
            return nil
        }
    }

    public func setSecurityGroups(ofMountTarget id: String, to groups: [String]) async throws {
        try await efs.modifyMountTargetSecurityGroups(id: id, securityGroups: groups)
    }
}

extension MountTarget {
    init(_ target: EFSMountTarget) {
        self.init(id: target.mountTargetId,
                  availabilityZoneName: target.availabilityZoneName ?? "",
                  availabilityZoneId: target.availabilityZoneId,
                  subnetId: target.subnetId,
                  ipAddress: target.ipAddress,
                  lifeCycleState: LifeCycleState(rawValue: target.lifeCycleState.rawValue),
                  ipv6Address: target.ipv6Address)
    }
}
