import Synchronization

/// One read-only check of the preflight (`Observer.preflightSteps`): what it reads, with which
/// id, and what it found. A run performs the steps in order and stops at the first that throws;
/// `doctor` performs every step and reports each, so both apply the same validations to the
/// same answers through the same protocols.
public struct PreflightStep: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// Usable; the text says what was found.
        case ok(String)
        /// Usable, and the autoscaler fixes it by itself (a parameter it has not written yet).
        case warning(String)
        /// Nothing to check: the configuration does not ask for it.
        case skipped(String)
    }

    /// What is checked, e.g. "subnets", "mount-target list".
    public var name: String
    /// The configured id or name it is checked with.
    public var target: String?
    /// Throws what a run would throw (a `ConfigurationError`, a `DocumentError`, the adapter's error).
    public var check: @Sendable () async throws -> Outcome

    public init(name: String, target: String?, check: @escaping @Sendable () async throws -> Outcome) {
        self.name = name
        self.target = target
        self.check = check
    }
}

/// What one step hands to a later one (the subnets the security groups are checked against).
final class PreflightMemo<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)
    var value: Value? { stored.withLock { $0 } }
    func set(_ value: Value) { stored.withLock { $0 = value } }
}
