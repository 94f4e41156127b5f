#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling

/// A `FileCountSource` that reports whatever the test sets: a number, an incomplete walk, or a failure.
public actor FixedFileCount: FileCountSource {
    public enum Answer: Sendable {
        case files(Int)
        case incomplete(Int)
        case failure(String)
    }

    public var answer: Answer
    public private(set) var calls = 0
    private let clock: any Clock

    public struct CountFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(_ answer: Answer, clock: any Clock) {
        self.answer = answer
        self.clock = clock
    }

    public func set(_ answer: Answer) { self.answer = answer }

    public func count(deadline: Date) async throws -> FileCount {
        calls += 1
        let now = await clock.now()
        switch answer {
        case .files(let files): return FileCount(files: files, complete: true, measuredAt: now, durationMs: 12)
        case .incomplete(let files): return FileCount(files: files, complete: false, measuredAt: now, durationMs: 12)
        case .failure(let reason): throw CountFailure(description: reason)
        }
    }
}
