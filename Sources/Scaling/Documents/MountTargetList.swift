#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The published list (`SSM_PARAMETER_NAME`), in the original system's exact format so existing
/// consumers keep working:
/// `{"mount_targets":[{"mount_target_id":…,"ip_address":…,"availability_zone":…,"subnet_id":…}]}`.
///
/// Reading tolerates extra fields; writing is deterministic (sorted by AZ name, then id) so that
/// equal content gives equal bytes and the parameter is only written when it really changes.
///
/// A mount target with an IPv6 address (`MOUNT_TARGET_IP_ADDRESS_TYPE` `DUAL_STACK` or
/// `IPV6_ONLY`) gets one extra field after the original four, `ipv6_address` (DESIGN.md §4
/// allows extra fields there); an IPv4-only entry is byte for byte the original. An IPv6-only
/// mount target has no IPv4 address: its `ip_address` holds the IPv6 address, the only one a
/// client can mount.
public struct MountTargetList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable, Comparable {
        public var mountTargetId: String
        public var ipAddress: String
        public var availabilityZone: String
        public var subnetId: String
        public var ipv6Address: String?

        public init(mountTargetId: String, ipAddress: String, availabilityZone: String, subnetId: String,
                    ipv6Address: String? = nil) {
            self.mountTargetId = mountTargetId
            self.ipAddress = ipAddress
            self.availabilityZone = availabilityZone
            self.subnetId = subnetId
            self.ipv6Address = ipv6Address
        }

        enum CodingKeys: String, CodingKey {
            case mountTargetId = "mount_target_id"
            case ipAddress = "ip_address"
            case availabilityZone = "availability_zone"
            case subnetId = "subnet_id"
            case ipv6Address = "ipv6_address"
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.availabilityZone, lhs.mountTargetId, lhs.subnetId, lhs.ipAddress, lhs.ipv6Address ?? "")
                < (rhs.availabilityZone, rhs.mountTargetId, rhs.subnetId, rhs.ipAddress, rhs.ipv6Address ?? "")
        }
    }

    /// Always sorted; equality is therefore equality of content, whatever order SSM held.
    public private(set) var entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries.sorted()
    }

    /// The entries for the given mount targets (which should be `available`: only those have an
    /// address clients may use).
    public init(mountTargets: [MountTarget]) {
        self.init(mountTargets.map {
            Entry(mountTargetId: $0.id, ipAddress: $0.ipAddress ?? $0.ipv6Address ?? "", availabilityZone: $0.availabilityZoneName,
                  subnetId: $0.subnetId, ipv6Address: $0.ipv6Address)
        })
    }

    public var mountTargetIds: Set<String> { Set(entries.map(\.mountTargetId)) }

    private struct Wire: Decodable {
        var mount_targets: [Entry]
    }

    /// Parses the parameter's value. Throws a `DocumentError` naming `parameter` on anything that
    /// is not the expected shape; never returns an empty list for a broken document.
    public static func decode(_ text: String, parameter: String) throws(DocumentError) -> MountTargetList {
        let wire = try DocumentCoding.decode(Wire.self, from: text, parameter: parameter)
        let ids = wire.mount_targets.map(\.mountTargetId)
        if Set(ids).count != ids.count {
            throw DocumentError(parameter: parameter, kind: .wrongShape, detail: "a mount_target_id appears twice")
        }
        return MountTargetList(wire.mount_targets)
    }

    /// The original format, compact, fields in the original order, entries sorted.
    public func encode(parameter: String) throws(DocumentError) -> String {
        let items = entries.map { entry in
            "{\"mount_target_id\":\(DocumentCoding.quote(entry.mountTargetId)),"
                + "\"ip_address\":\(DocumentCoding.quote(entry.ipAddress)),"
                + "\"availability_zone\":\(DocumentCoding.quote(entry.availabilityZone)),"
                + "\"subnet_id\":\(DocumentCoding.quote(entry.subnetId))"
                + (entry.ipv6Address.map { ",\"ipv6_address\":\(DocumentCoding.quote($0))" } ?? "") + "}"
        }
        let text = "{\"mount_targets\":[" + items.joined(separator: ",") + "]}"
        try DocumentCoding.checkSize(text, parameter: parameter)
        return text
    }
}
