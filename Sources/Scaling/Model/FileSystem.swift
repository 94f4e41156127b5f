/// What `DescribeFileSystems` says about the file system that matters for placement.
public struct FileSystem: Sendable, Hashable {
    public var id: String
    /// Set only for a One Zone file system: EFS allows it one mount target, in this AZ.
    public var availabilityZoneName: String?

    public init(id: String, availabilityZoneName: String? = nil) {
        self.id = id
        self.availabilityZoneName = availabilityZoneName
    }

    /// A One Zone file system takes a single mount target, in `availabilityZoneName`.
    public var isOneZone: Bool { availabilityZoneName != nil }
}
