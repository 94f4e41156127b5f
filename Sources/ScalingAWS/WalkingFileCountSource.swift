#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FileCounter
import Scaling

/// `FileCountSource` over the parallel walker. One instance lives as long as the process, so a
/// warm Lambda or the worker re-lists only the directories that changed since the last walk.
public final class WalkingFileCountSource: FileCountSource {
    let root: String
    let recursive: Bool
    let concurrency: Int
    let counter = IncrementalFileCounter()

    public init(root: String, recursive: Bool, concurrency: Int) {
        self.root = root
        self.recursive = recursive
        self.concurrency = concurrency
    }

    public func count(deadline: Date) async throws -> FileCount {
        let started = Date()
        let remaining = max(0, deadline.timeIntervalSince(started))
        let options = CountOptions(recursive: recursive, concurrency: concurrency,
                                   deadline: ContinuousClock.now.advanced(by: .milliseconds(Int64(remaining * 1000))))
        let result = try await counter.count(root: root, options: options)
        return FileCount(files: result.files, complete: result.complete, measuredAt: started, durationMs: result.elapsedMs,
                         unreadableDirectories: result.unreadableDirectories, unreadableExamples: result.unreadableExamples)
    }
}
