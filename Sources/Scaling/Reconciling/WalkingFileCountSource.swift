#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FileCounter

/// `FileCountSource` over the parallel walker (`FileCounter`). One instance lives as long as the
/// process, so a warm Lambda or the worker re-lists only the directories that changed since the
/// last walk. Not an AWS adapter: the walker reads the mounted file system.
public final class WalkingFileCountSource: FileCountSource {
    let root: String
    let settings: CountSettings
    let counter = IncrementalFileCounter()

    public init(root: String, settings: CountSettings) {
        self.root = root
        self.settings = settings
    }

    public func count(deadline: Date) async throws -> FileCount {
        let started = Date()
        let remaining = max(0, deadline.timeIntervalSince(started))
        var options = settings.options
        options.deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(remaining * 1000)))
        let result = try await counter.count(root: root, options: options)
        return FileCount(files: result.files, complete: result.complete, measuredAt: started, durationMs: result.elapsedMs)
    }
}
