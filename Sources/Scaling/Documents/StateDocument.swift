#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The autoscaler's memory between runs (`STATE_PARAMETER_NAME`): the count cache, the cooldown
/// and stabilization clocks, an operation left pending by a run that hit its deadline, and the
/// lease that keeps two overlapping runs from acting at once.
///
/// Versioned (`"version":1`) and kept under 4 KB. A document that does not parse is an error
/// naming the parameter; it is never replaced by defaults, because forgetting a pending scale-in
/// would republish a mount target that is about to be deleted.
public struct StateDocument: Sendable, Hashable, Codable {
    public static let currentVersion = 1

    public var version: Int
    public var lastCount: FileCount?
    /// When the last scale action *completed*; the cooldown counts from here.
    public var lastActionCompletedAt: Date?
    /// Since when the scale-in signal has held without interruption.
    public var lowSignalSince: Date?
    public var pending: PendingOperation?
    /// Mount targets this autoscaler created (not adopted on `MountTargetConflict`, not found in
    /// place): the only ones a scale-in or a clean-up may ever delete. Sorted, no duplicates.
    public var ownedMountTargetIds: [String]
    public var lease: Lease?
    /// AZs where creates failed, with their backoff (`az_backoff`; absent when empty).
    public var azBackoff: [String: AZBackoff] = [:]
    /// The last deployment this autoscaler forced (`last_deployment`).
    public var lastDeployment: ForcedDeployment?
    /// Set while a forced deployment that failed or was rolled back keeps new ones from being forced.
    public var deploymentBackoff: DeploymentBackoff?

    public init(lastCount: FileCount? = nil, lastActionCompletedAt: Date? = nil, lowSignalSince: Date? = nil,
                pending: PendingOperation? = nil, ownedMountTargetIds: [String] = [], lease: Lease? = nil) {
        self.version = Self.currentVersion
        self.lastCount = lastCount
        self.lastActionCompletedAt = lastActionCompletedAt
        self.lowSignalSince = lowSignalSince
        self.pending = pending
        self.ownedMountTargetIds = Array(Set(ownedMountTargetIds)).sorted()
        self.lease = lease
    }

    /// The document of a deployment that never ran before.
    public static let initial = StateDocument()

    enum CodingKeys: String, CodingKey {
        case version
        case lastCount = "last_count"
        case lastActionCompletedAt = "last_action_completed_at"
        case lowSignalSince = "low_signal_since"
        case pending
        case ownedMountTargetIds = "owned_mount_targets"
        case lease
        case azBackoff = "az_backoff"
        case lastDeployment = "last_deployment"
        case deploymentBackoff = "deployment_backoff"
    }

    private struct VersionProbe: Decodable { var version: Int }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        lastCount = try container.decodeIfPresent(FileCount.self, forKey: .lastCount)
        lastActionCompletedAt = try container.decodeIfPresent(Date.self, forKey: .lastActionCompletedAt)
        lowSignalSince = try container.decodeIfPresent(Date.self, forKey: .lowSignalSince)
        pending = try container.decodeIfPresent(PendingOperation.self, forKey: .pending)
        ownedMountTargetIds = try container.decodeIfPresent([String].self, forKey: .ownedMountTargetIds) ?? []
        lease = try container.decodeIfPresent(Lease.self, forKey: .lease)
        azBackoff = try container.decodeIfPresent([String: AZBackoff].self, forKey: .azBackoff) ?? [:]
        lastDeployment = try container.decodeIfPresent(ForcedDeployment.self, forKey: .lastDeployment)
        deploymentBackoff = try container.decodeIfPresent(DeploymentBackoff.self, forKey: .deploymentBackoff)
    }

    /// As synthesized, except that an empty `az_backoff` is left out (documents of deployments
    /// that never saw a failed create keep their bytes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(lastCount, forKey: .lastCount)
        try container.encodeIfPresent(lastActionCompletedAt, forKey: .lastActionCompletedAt)
        try container.encodeIfPresent(lowSignalSince, forKey: .lowSignalSince)
        try container.encodeIfPresent(pending, forKey: .pending)
        try container.encode(ownedMountTargetIds, forKey: .ownedMountTargetIds)
        try container.encodeIfPresent(lease, forKey: .lease)
        if !azBackoff.isEmpty { try container.encode(azBackoff, forKey: .azBackoff) }
        try container.encodeIfPresent(lastDeployment, forKey: .lastDeployment)
        try container.encodeIfPresent(deploymentBackoff, forKey: .deploymentBackoff)
    }

    /// AZs whose backoff has not ended at `now`, by name.
    public func azsBackingOff(at now: Date) -> [String: AZBackoff] {
        azBackoff.filter { $0.value.until > now }
    }

    public static func decode(_ text: String, parameter: String) throws(DocumentError) -> StateDocument {
        let probe = try DocumentCoding.decode(VersionProbe.self, from: text, parameter: parameter)
        guard probe.version == currentVersion else {
            throw DocumentError(parameter: parameter, kind: .unsupportedVersion,
                                detail: "version \(probe.version), this build understands version \(currentVersion)")
        }
        return try DocumentCoding.decode(StateDocument.self, from: text, parameter: parameter)
    }

    public func encode(parameter: String) throws(DocumentError) -> String {
        let text: String
        do {
            text = String(decoding: try DocumentCoding.encoder().encode(self), as: UTF8.self)
        } catch {
            throw DocumentError(parameter: parameter, kind: .wrongShape, detail: "cannot encode: \(error)")
        }
        try DocumentCoding.checkSize(text, parameter: parameter)
        return text
    }
}
