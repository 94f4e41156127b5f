/// The walk's shared state: a LIFO stack of jobs (depth-first-ish, which keeps the number of
/// waiting directories small on deep trees), the number of jobs in progress, and why the walk
/// stopped. Worker threads block on it while it is empty and other workers may still add work.
final class WalkQueue: @unchecked Sendable {
    enum StopReason: Sendable { case deadline, cancelled }

    let counters = WalkCounters()
    private let lock = ConditionLock()
    private let deadline: ContinuousClock.Instant?
    private let now: @Sendable () -> ContinuousClock.Instant
    // Guarded by `lock`.
    private var stack: [WalkJob] = []
    private var active = 0
    private var drained = false
    private var stopReason: StopReason?
    private var queuedClassifyJobs = 0
    private var examples: [String] = []

    init(deadline: ContinuousClock.Instant?, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.deadline = deadline
        self.now = now
    }

    /// Blocks until there is a job, or returns nil when the walk is over for this worker: every
    /// job is done, or the walk was stopped.
    func next() -> WalkJob? {
        lock.withLock {
            while true {
                if drained || stopReason != nil { return nil }
                if deadlinePassed() {
                    stopLocked(.deadline)
                    return nil
                }
                if let job = stack.popLast() {
                    if case .classify = job { queuedClassifyJobs -= 1 }
                    active += 1
                    return job
                }
                if active == 0 {
                    drained = true
                    lock.broadcast()
                    return nil
                }
                lock.wait()
            }
        }
    }

    /// Marks the job taken by `next()` as done.
    func finished() {
        lock.withLock {
            active -= 1
            if active == 0 && stack.isEmpty {
                drained = true
                lock.broadcast()
            }
        }
    }

    func push(_ jobs: [WalkJob]) {
        guard !jobs.isEmpty else { return }
        lock.withLock {
            stack.append(contentsOf: jobs)
            if jobs.count == 1 { lock.signal() } else { lock.broadcast() }
        }
    }

    /// Queues a classify job unless enough are already waiting; returns false when the caller
    /// should do the work itself. Bounds the names held in the queue for huge `DT_UNKNOWN`
    /// directories.
    func offerClassify(_ job: WalkJob, limit: Int) -> Bool {
        lock.withLock {
            guard queuedClassifyJobs < limit, stopReason == nil else { return false }
            queuedClassifyJobs += 1
            stack.append(job)
            lock.signal()
            return true
        }
    }

    func recordUnreadable(_ example: @autoclosure () -> String) {
        lock.withLock {
            if examples.count < CountResult.maximumExamples { examples.append(example()) }
        }
    }

    /// Checked by workers between kernel batches: a deadline reached or a stop requested.
    func shouldStop() -> Bool {
        if counters.stopRequested.load(ordering: .relaxed) { return true }
        if deadlinePassed() {
            stop(.deadline)
            return true
        }
        return false
    }

    func stop(_ reason: StopReason) {
        lock.withLock { stopLocked(reason) }
    }

    /// The outcome once the workers have returned: complete only if the queue drained with no
    /// stop. (If no worker thread could start, the queue never drains and the count is partial.)
    var outcome: (complete: Bool, examples: [String]) {
        lock.withLock { (drained && stopReason == nil, examples) }
    }

    private func stopLocked(_ reason: StopReason) {
        if stopReason == nil { stopReason = reason }
        counters.stopRequested.store(true, ordering: .relaxed)
        // Release queued handles (and their descriptors) now rather than when the walk is freed.
        stack.removeAll()
        lock.broadcast()
    }

    private func deadlinePassed() -> Bool {
        guard let deadline else { return false }
        return now() >= deadline
    }
}
