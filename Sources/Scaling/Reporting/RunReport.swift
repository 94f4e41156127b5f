#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The result of one run, as JSON. It keeps every field the original returned (`file_count`,
/// `threshold`, `threshold_exceeded`, `new_mount_target_created`, `deployment_triggered`,
/// `error`, always present, `null` when empty) and adds what an operator needs to see what
/// happened and why.
public struct RunReport: Sendable, Hashable, Encodable {
    public struct ActionRecord: Sendable, Hashable, Encodable {
        public enum Status: String, Sendable, Hashable, Encodable {
            /// Executed successfully.
            case done
            /// Dry run: would have been executed.
            case planned
            /// Threw; the run stopped here.
            case failed
            /// Stopped because the run's deadline came; the next run resumes it.
            case deadline
            /// Not reached because an earlier step failed or the deadline came.
            case skipped
        }

        public var action: String
        public var description: String
        public var status: Status
        public var error: String?

        public init(action: String, description: String, status: Status, error: String? = nil) {
            self.action = action
            self.description = description
            self.status = status
            self.error = error
        }
    }

    public struct CountDetails: Sendable, Hashable, Encodable {
        public var files: Int?
        public var complete: Bool
        public var measuredAt: Date?
        public var durationMs: Int?
        public var cached: Bool
        public var error: String?
        /// Directories the walk could not read: `files` is then a lower bound (never a scale-in).
        public var unreadableDirectories: Int?
        /// A few of them, "path: reason" (a fresh count only; the state keeps just the number).
        public var unreadableExamples: [String]

        init(_ observation: CountObservation?) {
            unreadableExamples = []
            switch observation {
            case .counted(let count, let cached):
                files = count.files
                complete = count.complete
                measuredAt = count.measuredAt
                durationMs = count.durationMs
                unreadableDirectories = count.unreadableDirectories
                unreadableExamples = count.unreadableExamples
                self.cached = cached
            case .failed(let reason):
                complete = false
                cached = false
                error = reason
            case nil:
                complete = false
                cached = false
            }
        }

        enum CodingKeys: String, CodingKey {
            case files, complete, cached, error
            case measuredAt = "measured_at"
            case durationMs = "duration_ms"
            case unreadableDirectories = "unreadable_directories"
            case unreadableExamples = "unreadable_examples"
        }
    }

    public var runId: String
    public var fileSystemId: String
    public var fileCount: Int?
    public var threshold: Int
    public var thresholdExceeded: Bool
    public var newMountTargetCreated: Bool
    public var deploymentTriggered: Bool
    public var error: String?
    public var actions: [ActionRecord]
    public var desiredMountTargets: Int?
    public var currentMountTargets: Int?
    /// The published list after the run.
    public var mountTargets: [MountTargetList.Entry]
    public var count: CountDetails
    public var dryRun: Bool
    public var durationMs: Int
    public var pending: PendingOperation?
    public var reason: String?
    /// Why the plan held (`hold_reason` is its sentence, `hold_reason_code` its stable code).
    public var hold: HoldReason?
    public var holdReason: String? { hold?.description }
    public var allAZsServed: Bool
    /// Set when another run held the lock and this one did nothing.
    public var skipped: String?
    /// `walked` (this run counted the tree) or `cached` (a count stored by an earlier run or by
    /// the counting worker was young enough); `nil` without a count.
    public var countSource: String?
    /// How old the count was when the run decided, in seconds.
    public var countAgeSeconds: Int?
    /// Mount targets whose security groups differ from `SECURITY_GROUP_ID`, as the last plan saw
    /// them (owned ones are set back by a `set_security_groups` action). Always present.
    public var securityGroupDrift: [SecurityGroupDrift] = []
    /// The run lost the lock midway (a fence or state write was refused) and stopped.
    public var lockLost = false
    /// Mount targets this autoscaler never deletes, and why.
    public var protected: [ProtectedMountTarget]
    /// Why a pending drain did not delete its mount target in this run.
    public var drainHeld: [DrainHold]
    /// A drain reached `DRAIN_TIMEOUT_SECONDS` with users left (then `error` says who).
    public var drainTimedOut: Bool
    /// Seconds since the pending operation started, at the end of the run; 0 when nothing is
    /// pending, `nil` when the run never saw the state (skipped, or failed before observing).
    public var pendingOperationAgeSeconds: Int?
    /// AZs where creates failed and that a scale-out skips until `until`.
    public var azBackoff: [AZBackoffEntry] = []
    /// A forced deployment failed or was rolled back: none is forced again until `until`.
    public var deploymentBackoff: DeploymentBackoff?
    /// What the plan wants an operator to know (e.g. `SERVICE_SUBNET_IDS` is not set).
    public var notices: [String] = []

    /// One AZ backing off, as the report lists it.
    public struct AZBackoffEntry: Sendable, Hashable, Encodable {
        public var availabilityZone: String
        public var failures: Int
        public var until: Date
        public var lastError: String

        enum CodingKeys: String, CodingKey {
            case failures, until
            case availabilityZone = "availability_zone"
            case lastError = "last_error"
        }
    }

    /// The pending operation's age and the backoffs in force at `end`, from the state the run ends with.
    mutating func describeBackoff(_ state: StateDocument, at end: Date) {
        pendingOperationAgeSeconds = state.pending.map { max(0, Int(end.timeIntervalSince($0.startedAt).rounded(.down))) } ?? 0
        azBackoff = state.azsBackingOff(at: end).sorted { $0.key < $1.key }.map {
            AZBackoffEntry(availabilityZone: $0.key, failures: $0.value.failures, until: $0.value.until, lastError: $0.value.lastError)
        }
        deploymentBackoff = state.deploymentBackoff.flatMap { end < $0.until ? $0 : nil }
    }

    public init(runId: String, fileSystemId: String, threshold: Int, dryRun: Bool) {
        self.runId = runId
        self.fileSystemId = fileSystemId
        self.threshold = threshold
        self.dryRun = dryRun
        thresholdExceeded = false
        newMountTargetCreated = false
        deploymentTriggered = false
        actions = []
        mountTargets = []
        count = CountDetails(nil)
        durationMs = 0
        allAZsServed = false
        protected = []
        drainHeld = []
        drainTimedOut = false
    }

    /// A run succeeded when it raised no error (a skipped or deadline-cut run is not a failure).
    public var succeeded: Bool { error == nil }

    /// Number of mount targets created or deleted by this run.
    public var scaleActions: Int {
        actions.filter { $0.status == .done && ($0.action == "create_mount_target" || $0.action == "delete_mount_target") }.count
    }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id"
        case fileSystemId = "file_system_id"
        case fileCount = "file_count"
        case threshold
        case thresholdExceeded = "threshold_exceeded"
        case newMountTargetCreated = "new_mount_target_created"
        case deploymentTriggered = "deployment_triggered"
        case error, actions
        case desiredMountTargets = "desired_mount_targets"
        case currentMountTargets = "current_mount_targets"
        case mountTargets = "mount_targets"
        case count
        case dryRun = "dry_run"
        case durationMs = "duration_ms"
        case pending, reason
        case holdReason = "hold_reason"
        case holdReasonCode = "hold_reason_code"
        case allAZsServed = "all_azs_served"
        case skipped, protected
        case lockLost = "lock_lost"
        case drainHeld = "drain_held"
        case drainTimedOut = "drain_timed_out"
        case countSource = "count_source"
        case countAgeSeconds = "count_age_seconds"
        case pendingOperationAgeSeconds = "pending_operation_age_seconds"
        case azBackoff = "az_backoff"
        case deploymentBackoff = "deployment_backoff"
        case notices
        case securityGroupDrift = "security_group_drift"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runId, forKey: .runId)
        try container.encode(fileSystemId, forKey: .fileSystemId)
        // The original's fields are always present.
        try container.encode(fileCount, forKey: .fileCount)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(thresholdExceeded, forKey: .thresholdExceeded)
        try container.encode(newMountTargetCreated, forKey: .newMountTargetCreated)
        try container.encode(deploymentTriggered, forKey: .deploymentTriggered)
        try container.encode(error, forKey: .error)
        try container.encode(actions, forKey: .actions)
        try container.encode(desiredMountTargets, forKey: .desiredMountTargets)
        try container.encode(currentMountTargets, forKey: .currentMountTargets)
        try container.encode(mountTargets, forKey: .mountTargets)
        try container.encode(count, forKey: .count)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(pending, forKey: .pending)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(holdReason, forKey: .holdReason)
        try container.encodeIfPresent(hold?.code, forKey: .holdReasonCode)
        try container.encode(allAZsServed, forKey: .allAZsServed)
        try container.encodeIfPresent(skipped, forKey: .skipped)
        try container.encode(lockLost, forKey: .lockLost)
        try container.encode(protected, forKey: .protected)
        try container.encode(drainHeld, forKey: .drainHeld)
        try container.encode(drainTimedOut, forKey: .drainTimedOut)
        try container.encode(countSource, forKey: .countSource)
        try container.encode(countAgeSeconds, forKey: .countAgeSeconds)
        try container.encode(pendingOperationAgeSeconds, forKey: .pendingOperationAgeSeconds)
        try container.encode(azBackoff, forKey: .azBackoff)
        try container.encode(deploymentBackoff, forKey: .deploymentBackoff)
        try container.encode(notices, forKey: .notices)
        try container.encode(securityGroupDrift, forKey: .securityGroupDrift)
    }

    /// One line of JSON with sorted keys.
    public func json() -> String {
        let encoder = DocumentCoding.encoder()
        guard let data = try? encoder.encode(self) else { return "{\"error\":\"report could not be encoded\"}" }
        return String(decoding: data, as: UTF8.self)
    }
}
