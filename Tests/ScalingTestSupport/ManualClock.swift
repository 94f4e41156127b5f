#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling
import Synchronization

/// A clock for tests: time moves only when told to, or when someone sleeps (sleeping advances
/// it instantly), so cooldowns of hours and polling loops run in microseconds.
public actor ManualClock: Clock {
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    public func now() -> Date { current }

    /// Operations in flight on a modelled network. A sleep first lets them finish: this models
    /// calls that take less time than any sleep, the bound the lease's settle delay relies on
    /// (see `InMemoryParameterStore.latencyClock`). Synchronous, so an operation can register
    /// without a suspension point in which a sleep could slip past it.
    public nonisolated let operations = OperationTracker()

    public func sleep(seconds: Double) async throws {
        while operations.active { await Task.yield() }
        current = current.addingTimeInterval(max(0, seconds))
        await Task.yield()
    }

    public func advance(by seconds: Double) {
        current = current.addingTimeInterval(seconds)
    }

    public func set(_ date: Date) {
        current = date
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
