/// One availability zone. Names have gaps (ap-northeast-1 has 1a, 1c and 1d, no 1b), so
/// nothing may derive zone names from a letter sequence; take them from here.
public struct EC2AvailabilityZone: Sendable, Equatable {
    public var zoneName: String
    public var zoneId: String?
    /// "available", "information", "impaired", "unavailable", "constrained".
    public var state: String
    public var regionName: String?

    public init(zoneName: String, zoneId: String? = nil, state: String, regionName: String? = nil) {
        self.zoneName = zoneName
        self.zoneId = zoneId
        self.state = state
        self.regionName = regionName
    }

    public var isAvailable: Bool { state == "available" }
}
