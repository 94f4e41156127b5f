#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The wall-clock instant by which a run must have stopped: Lambda's `Lambda-Runtime-Deadline-Ms`
/// (milliseconds since the Unix epoch) or, in the worker, the start of the next interval.
///
/// Wall clock rather than a monotonic instant because that is what Lambda hands us and what
/// can be passed across a process boundary; a clock step while a run is in progress shifts it.
public struct InvocationDeadline: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public init(_ date: Date) {
        millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// `duration` after `now`.
    public static func after(_ duration: Duration, from now: Date = Date()) -> InvocationDeadline {
        InvocationDeadline(millisecondsSinceEpoch: InvocationDeadline(now).millisecondsSinceEpoch + duration.milliseconds)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    /// Time left before the deadline; negative once it has passed.
    public func remaining(now: Date = Date()) -> Duration {
        .milliseconds(millisecondsSinceEpoch - InvocationDeadline(now).millisecondsSinceEpoch)
    }

    public func hasPassed(now: Date = Date()) -> Bool { remaining(now: now) <= .zero }

    public static func < (lhs: InvocationDeadline, rhs: InvocationDeadline) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public var description: String { "\(millisecondsSinceEpoch) ms since epoch" }
}

extension Duration {
    /// Whole milliseconds, truncated toward zero: the resolution of Lambda's deadline header.
    package var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
