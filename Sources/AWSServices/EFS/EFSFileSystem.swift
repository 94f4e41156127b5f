#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The fields of an EFS file system description the autoscaler reads.
public struct EFSFileSystem: Decodable, Sendable, Equatable {
    public var fileSystemID: String
    public var lifeCycleState: EFSLifeCycleState
    public var numberOfMountTargets: Int?
    public var name: String?
    public var creationTime: Date?
    /// Set only for a One Zone file system: the one AZ its single mount target may be in.
    public var availabilityZoneName: String?
    public var availabilityZoneID: String?

    public init(fileSystemID: String, lifeCycleState: EFSLifeCycleState, numberOfMountTargets: Int? = nil, name: String? = nil, creationTime: Date? = nil,
                availabilityZoneName: String? = nil, availabilityZoneID: String? = nil) {
        self.fileSystemID = fileSystemID
        self.lifeCycleState = lifeCycleState
        self.numberOfMountTargets = numberOfMountTargets
        self.name = name
        self.creationTime = creationTime
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneID = availabilityZoneID
    }

    enum CodingKeys: String, CodingKey {
        case fileSystemID = "FileSystemId"
        case lifeCycleState = "LifeCycleState"
        case numberOfMountTargets = "NumberOfMountTargets"
        case name = "Name"
        case creationTime = "CreationTime"
        case availabilityZoneName = "AvailabilityZoneName"
        case availabilityZoneID = "AvailabilityZoneId"
    }
}
