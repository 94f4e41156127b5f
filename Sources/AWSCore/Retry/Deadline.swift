/// A point in monotonic time after which no more work should start: the Lambda invocation's
/// deadline (minus a margin) flows down to every AWS call through this.
///
/// Monotonic (`ContinuousClock`) so a wall-clock step (NTP, clock-skew correction) cannot
/// stretch or shrink it. Pass it explicitly to `AWSClient.execute(_:deadline:)` or bind it for
/// a whole scope with `Deadline.$current.withValue(...)`, which `execute(_:)` picks up.
public struct Deadline: Sendable, Comparable, CustomStringConvertible {
    public let instant: ContinuousClock.Instant

    public init(_ instant: ContinuousClock.Instant) { self.instant = instant }

    public static func after(seconds: Double) -> Deadline {
        Deadline(ContinuousClock.now.advanced(by: .seconds(seconds)))
    }

    /// Seconds left; negative once passed.
    public var remainingSeconds: Double {
        let d = ContinuousClock.now.duration(to: instant)
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    public var hasPassed: Bool { remainingSeconds <= 0 }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.instant < rhs.instant }

    public var description: String { "Deadline(in \(remainingSeconds)s)" }

    /// The deadline of the surrounding work, if any (e.g. set by the Lambda runtime per invocation).
    @TaskLocal public static var current: Deadline?
}

/// Thrown when a request cannot start (or retry) because the caller's deadline has passed.
public struct DeadlineExceededError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var attempts: Int
    /// The failure of the last attempt, already redacted, if there was one.
    public var lastFailure: String?

    public init(service: String, operation: String, attempts: Int, lastFailure: String?) {
        self.service = service
        self.operation = operation
        self.attempts = attempts
        self.lastFailure = lastFailure
    }

    public var description: String {
        var s = "\(service) \(operation): deadline exceeded after \(attempts) attempt(s)"
        if let lastFailure { s += "; last failure: \(lastFailure)" }
        return s
    }
}
