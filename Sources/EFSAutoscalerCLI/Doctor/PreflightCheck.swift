/// The outcome of one `doctor` check: the configuration, the target directory, or one step of
/// the run's preflight (`Observer.preflightSteps`).
struct PreflightCheck: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable {
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

    /// What was checked: "configuration", "target directory", or a preflight step ("subnets", …).
    var action: String
    /// What it was called on, e.g. the file system id.
    var target: String?
    var status: Status
    /// The AWS error code when a call failed, or the error's type ("ConfigurationError",
    /// "DocumentError", "TransportError", …).
    var code: String?
    /// A one-line explanation: what was found, what failed, or which variable is unset.
    var detail: String

    init(action: String, target: String?, status: Status, code: String? = nil, detail: String) {
        self.action = action
        self.target = target
        self.status = status
        self.code = code
        self.detail = detail
    }
}
