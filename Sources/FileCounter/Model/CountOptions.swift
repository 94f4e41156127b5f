/// How a count walks the tree.
public struct CountOptions: Sendable {
    /// The default number of directories in flight. On a 1 ms-latency file system the walk time is
    /// roughly round trips ÷ directories in flight, so more is better until the server or the CPU
    /// saturates; the FUSE sweep in BENCHMARKS.md ("File counter") is what this number rests on.
    /// On a warm local tree the extra threads cost little (they sleep on the queue).
    public static let defaultConcurrency = 64

    /// The largest accepted concurrency: each worker is an OS thread with its own read buffer.
    public static let maximumConcurrency = 1024

    /// Descend into subdirectories (`true`, the default) or count the root's own entries only,
    /// like the original system.
    public var recursive: Bool
    /// Directories read at the same time, each by its own OS thread.
    public var concurrency: Int
    /// When reached, the walk stops at the next directory batch and the result says
    /// `complete: false`: a partial count is reported as partial, never as the truth.
    public var deadline: ContinuousClock.Instant?
    /// Called periodically (every `progressInterval`) with the running totals, from a task, not
    /// from the walking threads. Only the async `FileCounter.count` delivers progress.
    public var progress: (@Sendable (CountProgress) -> Void)?
    public var progressInterval: Duration
    /// Test hook: behave as if the file system returned `DT_UNKNOWN` for every entry, as some NFS
    /// clients do, so that the `lstat` path is exercised on local file systems.
    var treatEveryTypeAsUnknown = false
    /// Test hook: overrides the open-descriptor budget (see `Walk.openHandleBudget`).
    var openHandleBudget: Int?
    /// Test hook: the clock the deadline is checked against.
    var now: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

    public init(
        recursive: Bool = true,
        concurrency: Int = CountOptions.defaultConcurrency,
        deadline: ContinuousClock.Instant? = nil,
        progressInterval: Duration = .milliseconds(250),
        progress: (@Sendable (CountProgress) -> Void)? = nil
    ) {
        self.recursive = recursive
        self.concurrency = concurrency
        self.deadline = deadline
        self.progressInterval = progressInterval
        self.progress = progress
    }
}
