/// The outcome of one `doctor` check.
public struct PreflightCheck: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The call succeeded and the result looks usable.
        case ok
        /// Something the autoscaler will recover from by itself (e.g. the mount-target
        /// parameter not published yet). Does not fail the doctor.
        case warning
        /// The call failed, or its answer makes the autoscaler unable to work.
        case failed
        /// The id it needs is not configured.
        case skipped
    }

    /// The IAM action exercised, e.g. "elasticfilesystem:DescribeMountTargets".
    public var action: String
    /// What it was called on, e.g. the file system id.
    public var target: String?
    public var status: Status
    /// The AWS error code when the call failed (or "ServiceResponseError", "TransportError", …).
    public var code: String?
    /// A one-line explanation: what was found, what failed, or which variable is unset.
    public var detail: String

    public init(action: String, target: String?, status: Status, code: String? = nil, detail: String) {
        self.action = action
        self.target = target
        self.status = status
        self.code = code
        self.detail = detail
    }
}
