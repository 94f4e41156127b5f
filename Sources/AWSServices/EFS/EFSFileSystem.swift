#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The fields of an EFS file system description the autoscaler reads.
public struct EFSFileSystem: Decodable, Sendable, Equatable {
    public var fileSystemId: String
    public var lifeCycleState: EFSLifeCycleState
    public var numberOfMountTargets: Int?
    public var name: String?
    public var creationTime: Date?
    /// Set only for a One Zone file system: the one AZ its single mount target may be in.
    public var availabilityZoneName: String?
    public var availabilityZoneId: String?

    public init(fileSystemId: String, lifeCycleState: EFSLifeCycleState, numberOfMountTargets: Int? = nil, name: String? = nil, creationTime: Date? = nil,
                availabilityZoneName: String? = nil, availabilityZoneId: String? = nil) {
        self.fileSystemId = fileSystemId
        self.lifeCycleState = lifeCycleState
        self.numberOfMountTargets = numberOfMountTargets
        self.name = name
        self.creationTime = creationTime
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneId = availabilityZoneId
    }

    enum CodingKeys: String, CodingKey {
        case fileSystemId = "FileSystemId"
        case lifeCycleState = "LifeCycleState"
        case numberOfMountTargets = "NumberOfMountTargets"
        case name = "Name"
        case creationTime = "CreationTime"
        case availabilityZoneName = "AvailabilityZoneName"
        case availabilityZoneId = "AvailabilityZoneId"
    }
}
