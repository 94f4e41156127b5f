/// The EFS operations the autoscaler needs. Adapters (module ScalingAWS) map AWS errors onto
/// `FileSystemAPIError` where the reconciler must tell them apart; anything else is thrown as is.
public protocol FileSystemAPI: Sendable {
    /// Every mount target of the file system, following every page.
    func describeMountTargets(fileSystemId: String) async throws -> [MountTarget]
    /// One mount target; `nil` when it does not exist (any more).
    func describeMountTarget(id: String) async throws -> MountTarget?
    /// Throws `FileSystemAPIError.mountTargetConflict` when the AZ already has a mount target.
    func createMountTarget(fileSystemId: String, subnetId: String, securityGroups: [String],
                           ipAddressType: MountTargetIPAddressType) async throws -> MountTarget
    /// Deleting a mount target that no longer exists is not an error.
    func deleteMountTarget(id: String) async throws
    /// The file system (`DescribeFileSystems`): a One Zone one names its AZ.
    func describeFileSystem(id: String) async throws -> FileSystem
    /// The security groups in effect on a mount target; `nil` when it no longer exists or has no
    /// network interface yet (EFS `MountTargetNotFound`, `IncorrectMountTargetState`).
    func securityGroups(ofMountTarget id: String) async throws -> [String]?
    /// Replaces the security groups of a mount target (`ModifyMountTargetSecurityGroups`).
    func setSecurityGroups(ofMountTarget id: String, to groups: [String]) async throws
}

public enum FileSystemAPIError: Error, Sendable, Hashable {
    /// EFS `MountTargetConflict`: the AZ (or subnet) already has a mount target of this file system.
    case mountTargetConflict(subnetId: String, message: String)
    /// EFS will not create a mount target in that subnet's AZ now (`NoFreeAddressesInSubnet`,
    /// `UnsupportedAvailabilityZone`, `AvailabilityZonesMismatch`, `NetworkInterfaceLimitExceeded`):
    /// the AZ backs off and a later run tries another one.
    case refusedInAvailabilityZone(subnetId: String, code: String, message: String)
}
