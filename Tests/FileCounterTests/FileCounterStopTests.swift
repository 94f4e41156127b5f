@testable import FileCounter
import Synchronization
import TestSupport
import Testing

/// A deadline or a cancellation stops the walk with `complete: false` and a count that is a lower
/// bound, never a wrong "complete" number.
@Suite struct FileCounterStopTests {
    /// 4,000 directories of 2 files: far more than one thread lists in a few milliseconds.
    private static func makeWideTree(_ tree: FileTree) throws -> Int {
        for index in 0..<4_000 {
            try tree.directory("d\(index / 100)/e\(index)")
            try tree.files(count: 2, in: "d\(index / 100)/e\(index)")
        }
        return 8_000
    }

    @Test func deadlineExpiringMidWalkGivesAnIncompleteLowerBound() async throws {
        try await withTree("deadline") { tree in
            let truth = try Self.makeWideTree(tree)
            let options = CountOptions(concurrency: 1, deadline: .now + .milliseconds(5))
            let result = try await FileCounter.count(root: tree.root, options: options)
            #expect(!result.complete)
            #expect(result.files < truth)
            #expect(result.directories < 4_041)
        }
    }

    @Test func deadlineAlreadyPassedCountsNothing() async throws {
        try await withTree("deadline") { tree in
            try tree.files(count: 5)
            let options = CountOptions(deadline: .now - .seconds(1))
            let result = try await FileCounter.count(root: tree.root, options: options)
            #expect(!result.complete)
            #expect(result.files == 0)
        }
    }

    @Test func distantDeadlineCompletes() async throws {
        try await withTree("deadline") { tree in
            try tree.files(count: 5)
            let result = try await FileCounter.count(root: tree.root, options: CountOptions(deadline: .now + .seconds(600)))
            #expect(result.complete)
            #expect(result.files == 5)
        }
    }

    @Test func deadlineCheckedBetweenDirectoriesStopsMidWalk() async throws {
        // A clock that advances 1 ms each time the walk looks at it: with one worker the deadline
        // passes after a fixed number of checks, so the stop lands mid-walk on any machine.
        try await withTree("deadline") { tree in
            let truth = try Self.makeWideTree(tree)
            let start = ContinuousClock.now
            let ticks = Atomic<Int>(0)
            var options = CountOptions(concurrency: 1, deadline: start + .milliseconds(200))
            options.now = { start + .milliseconds(ticks.add(1, ordering: .relaxed).newValue) }
            let result = try await FileCounter.count(root: tree.root, options: options)
            #expect(!result.complete)
            #expect(result.files > 0)
            #expect(result.files < truth)
            #expect(result.directories > 10)
        }
    }

    @Test func cancelledTaskReturnsIncomplete() async throws {
        try await withTree("cancel") { tree in
            try tree.directory("a/b")
            try tree.files(count: 5, in: "a/b")
            let task = Task<CountResult, any Error> {
                // Wait until cancelled, so the count starts in a cancelled task deterministically.
                while !Task.isCancelled { await Task.yield() }
                return try await FileCounter.count(root: tree.root)
            }
            task.cancel()
            let result = try await task.value
            #expect(!result.complete)
            #expect(result.files < 5)
        }
    }
}
