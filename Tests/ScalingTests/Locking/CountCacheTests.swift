import Foundation
import Testing
@testable import Scaling
import ScalingTestSupport

/// The counting worker stores counts in the lock item, outside the lock; the deciding run reuses
/// a fresh one instead of walking, and says so in its report.
@Suite struct CountCacheTests {
    @Test func aFreshStoredCountIsUsedWithoutWalking() async throws {
        let world = try Harness(files: 10, extra: ["COUNT_CACHE_TTL_SECONDS": "300"])
        let measured = world.clock.now().addingTimeInterval(-60)
        try await world.lock.recordCount(FileCount(files: 250_000, complete: true, measuredAt: measured, durationMs: 90_000))
        let report = try await world.run()
        #expect(report.error == nil, "\(report.json())")
        #expect(await world.counter.calls == 0, "the tree is not walked")
        #expect(report.countSource == "cached" && (report.countAgeSeconds ?? 0) >= 60)
        #expect(report.fileCount == 250_000 && report.newMountTargetCreated, "the stored count drives the decision")
        #expect(report.json().contains(#""count_source":"cached""#))
    }

    @Test func aStaleStoredCountIsWalkedAgain() async throws {
        let world = try Harness(files: 10, extra: ["COUNT_CACHE_TTL_SECONDS": "300"])
        let measured = world.clock.now().addingTimeInterval(-301)
        try await world.lock.recordCount(FileCount(files: 250_000, complete: true, measuredAt: measured, durationMs: 90_000))
        let report = try await world.run()
        #expect(await world.counter.calls == 1)
        #expect(report.countSource == "walked" && report.fileCount == 10 && !report.newMountTargetCreated)
    }

    /// The stored count never overrides a newer one in the state.
    @Test func theNewerOfStateAndStoredCountWins() async throws {
        let world = try Harness(files: 10, extra: ["COUNT_CACHE_TTL_SECONDS": "300"])
        let now = world.clock.now()
        var state = StateDocument.initial
        state.lastCount = FileCount(files: 5, complete: true, measuredAt: now.addingTimeInterval(-10), durationMs: 1)
        try await world.setState(state)
        try await world.lock.recordCount(FileCount(files: 250_000, complete: true, measuredAt: now.addingTimeInterval(-100), durationMs: 1))
        let report = try await world.run()
        #expect(report.countSource == "cached" && report.fileCount == 5)
    }
}
