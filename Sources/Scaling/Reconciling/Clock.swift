#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Wall-clock time and waiting, behind a protocol so tests run hours of cooldowns in microseconds.
public protocol Clock: Sendable {
    func now() async -> Date
    func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemClock: Clock {
    public init() {}

    public func now() async -> Date { Date() }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
