#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The one clock for tests: time moves only when told to, or when someone sleeps (sleeping
/// advances it instantly), so cooldowns of hours and polling loops run in microseconds.
///
/// Reading it is synchronous, because the two layers it stands in for read time differently:
/// AWSCore's credential cache takes a plain `() -> Double` (epoch seconds; AWSCore sits below
/// the scaling core and knows no `Clock` protocol), and `Scaling.Clock` asks for an `async`
/// `now()`, which a synchronous method satisfies (ScalingTestSupport adds that conformance).
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// `now()` as epoch seconds, what AWSCore's time sources return.
    public var epochSeconds: Double { now().timeIntervalSince1970 }

    /// A time source for AWSCore (`CachingCredentialsProvider(now:)`).
    public var epochSecondsSource: @Sendable () -> Double { { self.epochSeconds } }

    /// Operations in flight on a modelled network. A sleep first lets them finish: this models
    /// calls that take less time than any sleep (see `InMemoryParameterStore.latencyClock`).
    /// Synchronous, so an operation can register without a suspension point in which a sleep
    /// could slip past it.
    public let operations = OperationTracker()

    public func sleep(seconds: Double) async throws {
        while operations.active { await Task.yield() }
        advance(by: max(0, seconds))
        await Task.yield()
    }

    public func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

/// Counts operations in flight (see `ManualClock.operations`).
public final class OperationTracker: Sendable {
    private let count = Mutex(0)

    public init() {}

    public func begin() { count.withLock { $0 += 1 } }

    public func end() { count.withLock { $0 -= 1 } }

    public var active: Bool { count.withLock { $0 > 0 } }
}
