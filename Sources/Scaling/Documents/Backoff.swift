#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Exponential backoff shared by failed creates in an AZ and rolled-back deployments: 5 minutes
/// after the first failure, doubling with each further one, at most a day. Not configurable: a
/// failure that repeats on this schedule already shows up in the report and the metrics.
public enum Backoff {
    public static let baseSeconds = 300
    public static let capSeconds = 86_400

    /// The wait after the `failures`-th consecutive failure (1 → 5 min, 2 → 10 min, …, ≤ 24 h).
    public static func seconds(afterFailures failures: Int) -> Int {
        let doublings = max(0, min(failures - 1, 20))
        return min(capSeconds, baseSeconds << doublings)
    }

    /// AWS error messages can be long; the state document must stay under 4 KB.
    static func shorten(_ text: String) -> String {
        text.count <= 200 ? text : String(text.prefix(199)) + "…"
    }
}

/// Creates that failed in one AZ (`NoFreeAddressesInSubnet`, `UnsupportedAvailabilityZone`,
/// `AvailabilityZonesMismatch`, `NetworkInterfaceLimitExceeded`, a mount target that ended in
/// `error`, or one still `creating` past `SCALE_OUT_TIMEOUT_SECONDS`): the planner takes another
/// free AZ until `until`, and forgets the AZ's failures once a mount target there is `available`.
public struct AZBackoff: Sendable, Hashable, Codable {
    public var failures: Int
    /// The last failure: folding the same failure again changes nothing.
    public var failedAt: Date
    public var until: Date
    public var lastError: String

    public init(failures: Int, failedAt: Date, until: Date, lastError: String) {
        self.failures = failures
        self.failedAt = failedAt
        self.until = until
        self.lastError = lastError
    }

    /// The entry after one more failure at `at` (or after the first, when `previous` is `nil`).
    static func after(_ previous: AZBackoff?, error: String, at: Date) -> AZBackoff {
        if let previous, previous.failedAt >= at { return previous }
        let failures = (previous?.failures ?? 0) + 1
        return AZBackoff(failures: failures, failedAt: at,
                         until: at.addingTimeInterval(Double(Backoff.seconds(afterFailures: failures))),
                         lastError: Backoff.shorten(error))
    }

    enum CodingKeys: String, CodingKey {
        case failures, until
        case failedAt = "failed_at"
        case lastError = "last_error"
    }
}

/// The last `UpdateService` call this autoscaler made: which deployment it started, when, and
/// the subnets it asked for (when it changed them). A later run reads the service's deployments
/// against it to tell a completed rollout from a failed or rolled-back one.
public struct ForcedDeployment: Sendable, Hashable, Codable {
    /// `nil` when the response named no deployment.
    public var id: String?
    public var forcedAt: Date
    public var subnets: [String]?
    /// Set by the first run that saw its rollout complete; later runs no longer judge it.
    public var completedAt: Date?
    /// The AZ of the scale-out this deployment completes: its rollout's completion starts the
    /// cooldown (DESIGN.md §2), and no further scale-out starts before it.
    public var scaleOutAvailabilityZone: String?

    public init(id: String?, forcedAt: Date, subnets: [String]?, completedAt: Date? = nil, scaleOutAvailabilityZone: String? = nil) {
        self.id = id
        self.forcedAt = forcedAt
        self.subnets = subnets
        self.completedAt = completedAt
        self.scaleOutAvailabilityZone = scaleOutAvailabilityZone
    }

    enum CodingKeys: String, CodingKey {
        case id, subnets
        case forcedAt = "forced_at"
        case completedAt = "completed_at"
        case scaleOutAvailabilityZone = "scale_out_az"
    }
}

/// A deployment the autoscaler forced failed (rollout `FAILED`) or was rolled back by the
/// circuit breaker: until `until` no deployment is forced again for the list or the subnets
/// (re-forcing the same change would fail the same way, churning tasks every run).
public struct DeploymentBackoff: Sendable, Hashable, Codable {
    public var deploymentId: String?
    /// `forcedAt` of the deployment that failed: the same failure is recorded once.
    public var forcedAt: Date
    /// Consecutive failed deployments; a completed one clears the backoff.
    public var failures: Int
    public var until: Date
    public var reason: String

    public init(deploymentId: String?, forcedAt: Date, failures: Int, until: Date, reason: String) {
        self.deploymentId = deploymentId
        self.forcedAt = forcedAt
        self.failures = failures
        self.until = until
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case failures, until, reason
        case deploymentId = "deployment_id"
        case forcedAt = "forced_at"
    }
}
