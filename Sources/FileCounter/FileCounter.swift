/// Counts regular files under a directory: the workload signal the autoscaler scales on.
///
/// Directories are read with `getdents64` into a large buffer, many at a time, by a dedicated pool
/// of OS threads (`CountOptions.concurrency`): on NFS every read is a round trip, so directories in
/// flight are what makes a walk fast, and blocking reads must not occupy Swift's cooperative pool.
/// Entry types come from `d_type`; only `DT_UNKNOWN` entries are `lstat`ed. Symlinks are counted
/// as skipped and never followed. Memory depends on the directories waiting to be read, never on
/// the number of files.
public enum FileCounter {
    /// Counts `root`. Throws `CountError` when the root is missing, not a directory, unreadable,
    /// or the options are invalid; unreadable directories below the root are reported in the
    /// result instead. A reached deadline or a cancelled task returns `complete: false`.
    public static func count(root: String, options: CountOptions = CountOptions()) async throws(CountError) -> CountResult {
        try await count(root: root, options: options, cache: nil)
    }

    static func count(root: String, options: CountOptions, cache: DirectoryCache?) async throws(CountError) -> CountResult {
        let walk = try Walk(root: root, options: options, cache: cache)
        return await withTaskCancellationHandler {
            await run(walk, progress: options.progress, interval: options.progressInterval)
        } onCancel: {
            walk.queue.stop(.cancelled)
        }
    }

    private enum Outcome: Sendable {
        case walked(CountResult)
        case progressEnded
    }

    /// A task group of two: the walk (whose worker threads grow on demand up to
    /// `CountOptions.concurrency`) and a progress task that ends when the walk does.
    private static func run(
        _ walk: Walk, progress: (@Sendable (CountProgress) -> Void)?, interval: Duration
    ) async -> CountResult {
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .walked(await walk.run()) }
            if let progress {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        if Task.isCancelled { break }
                        progress(walk.progress)
                    }
                    return .progressEnded
                }
            }
            for await outcome in group {
                if case .walked(let result) = outcome {
                    group.cancelAll()
                    return result
                }
            }
            preconditionFailure("the walk task always reports")
        }
    }
}
