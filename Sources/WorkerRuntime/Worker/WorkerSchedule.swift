/// The worker's timing: how often, how much jitter, how long to wait for a run when stopping.
public struct WorkerSchedule: Sendable, Equatable {
    public var interval: Duration
    /// Fraction of `interval` by which each wait is randomly lengthened or shortened, so that
    /// several workers (or a worker and the scheduled Lambda) drift apart instead of colliding.
    public var jitter: Double
    /// How long a stop waits for the run in progress. ECS sends SIGKILL `stopTimeout` (default
    /// 30 s) after SIGTERM; the default stays inside it.
    public var grace: Duration

    public init(interval: Duration, jitter: Double = 0.1, grace: Duration = .seconds(25)) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 0.5)
        self.grace = grace
    }

    /// The wait before the next run starts, measured from the start of the previous one:
    /// `interval × (1 − jitter + 2·jitter·unit)`, i.e. within `interval × [1 − jitter, 1 + jitter]`
    /// (the upper bound is reachable through rounding), to the millisecond.
    /// - Parameter unit: a uniform random value in `[0, 1)`; a parameter so this stays pure.
    public func delay(unit: Double) -> Duration {
        let factor = 1 - jitter + 2 * jitter * min(max(unit, 0), 1)
        let (seconds, attoseconds) = interval.components
        let milliseconds = (Double(seconds) * 1000 + Double(attoseconds) / 1e15) * factor
        return .milliseconds(Int64(milliseconds.rounded(.down)))
    }

    public func randomDelay() -> Duration { delay(unit: Double.random(in: 0..<1)) }

    /// Parses `--interval`: seconds as `300` or `300s`, minutes as `5m`, hours as `1h`.
    ///
    /// - Throws: `WorkerIntervalError` for anything else, zero or a negative value.
    public static func parseInterval(_ text: String) throws -> Duration {
        let trimmed = text
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(trimmed)
        var scale = 1.0
        if let last = trimmed.last, let unit = units[last] {
            number = number.dropLast()
            scale = unit
        }
        guard let value = Double(number), value.isFinite, value > 0, number.first != "+" else {
            throw WorkerIntervalError(text: text)
        }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}

public struct WorkerIntervalError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "invalid interval '\(text)': expected a positive number of seconds (300 or 300s), minutes (5m) or hours (1h)"
    }
}
