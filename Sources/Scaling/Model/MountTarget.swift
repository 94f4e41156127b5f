/// One EFS mount target as `DescribeMountTargets` reports it.
///
/// EFS allows one mount target per Availability Zone per file system, so a mount target in *any*
/// lifecycle state occupies its AZ: creating a second one there fails with `MountTargetConflict`.
public struct MountTarget: Sendable, Hashable, Codable {
    public var id: String
    public var availabilityZoneName: String
    public var availabilityZoneId: String?
    public var subnetId: String
    /// Absent while the mount target is still `creating` on some API versions.
    public var ipAddress: String?
    public var lifeCycleState: LifeCycleState
    /// Set for a dual-stack or IPv6-only mount target (`MOUNT_TARGET_IP_ADDRESS_TYPE`); an
    /// IPv6-only one has no `ipAddress`.
    public var ipv6Address: String?

    public init(id: String, availabilityZoneName: String, availabilityZoneId: String? = nil,
                subnetId: String, ipAddress: String?, lifeCycleState: LifeCycleState, ipv6Address: String? = nil) {
        self.id = id
        self.availabilityZoneName = availabilityZoneName
        self.availabilityZoneId = availabilityZoneId
        self.subnetId = subnetId
        self.ipAddress = ipAddress
        self.lifeCycleState = lifeCycleState
        self.ipv6Address = ipv6Address
    }

    /// EFS `LifeCycleState`. Unknown values are kept verbatim rather than failing the run,
    /// and are treated like a transition in progress (the AZ is occupied, nothing is published).
    public enum LifeCycleState: Sendable, Hashable, Codable, CustomStringConvertible {
        case creating, available, updating, deleting, deleted, error
        case other(String)

        public init(rawValue: String) {
            switch rawValue {
            case "creating": self = .creating
            case "available": self = .available
            case "updating": self = .updating
            case "deleting": self = .deleting
            case "deleted": self = .deleted
            case "error": self = .error
            default: self = .other(rawValue)
            }
        }

        public var rawValue: String {
            switch self {
            case .creating: "creating"
            case .available: "available"
            case .updating: "updating"
            case .deleting: "deleting"
            case .deleted: "deleted"
            case .error: "error"
            case .other(let value): value
            }
        }

        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// Whether the mount target still holds its AZ (everything except `deleted`).
    public var occupiesAvailabilityZone: Bool { lifeCycleState != .deleted }
}
