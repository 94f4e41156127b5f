#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A clock for tests: time moves only when told to, or when someone sleeps (sleeping advances
/// it instantly), so cooldowns of hours and polling loops run in microseconds.
public actor ManualClock: Clock {
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    public func now() -> Date { current }

    public func sleep(seconds: Double) async throws {
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
