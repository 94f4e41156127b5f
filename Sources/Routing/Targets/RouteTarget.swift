/// One published mount target, as an entry of the SSM mount-target list
/// (`{"mount_target_id","ip_address","availability_zone","subnet_id"}`, DESIGN.md §4).
///
/// Routing only needs the id (the hashing key), the IP (what a host mounts) and the AZ (the
/// optional preference); the subnet is kept so `route` can show the whole entry.
public struct RouteTarget: Sendable, Hashable, Codable {
    public var mountTargetId: String
    public var ipAddress: String
    public var availabilityZone: String
    public var subnetId: String

    public init(mountTargetId: String, ipAddress: String, availabilityZone: String, subnetId: String) {
        self.mountTargetId = mountTargetId
        self.ipAddress = ipAddress
        self.availabilityZone = availabilityZone
        self.subnetId = subnetId
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case mountTargetId = "mount_target_id"
        case ipAddress = "ip_address"
        case availabilityZone = "availability_zone"
        case subnetId = "subnet_id"
    }
}
