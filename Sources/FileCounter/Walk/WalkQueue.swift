/// The walk's shared state: a LIFO stack of jobs (depth-first-ish, which keeps the number of
/// waiting directories small on deep trees), the number of jobs in progress, and why the walk
/// stopped. Worker threads block on it while it is empty and other workers may still add work.
final class WalkQueue: @unchecked Sendable {
    enum StopReason: Sendable { case deadline, cancelled }

    let counters = WalkCounters()
    let threads = WorkerThreads()
    private let maximumWorkers: Int
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
    /// Threads asked for, those not yet at their first `next()`, and those waiting for work.
    private var workers = 0
    private var starting = 0
    private var idle = 0

    init(maximumWorkers: Int, deadline: ContinuousClock.Instant?, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.maximumWorkers = maximumWorkers
        self.deadline = deadline
        self.now = now
    }

    /// Queues the root's job before any thread exists.
    func enqueueFirst(_ job: WalkJob) {
        lock.withLock { stack.append(job) }
    }

    /// Starts the first worker; the workers start more as they queue work (see `push`). Always at
    /// least one, even for a walk stopped before it began: the walk ends when its last thread does.
    func startWorkers() {
        let wanted: Int = lock.withLock {
            let deficit = max(1, workerDeficitLocked())
            workers += deficit
            starting += deficit
            return deficit
        }
        launch(wanted)
    }

    /// Called once by each worker thread before its first `next()`.
    func workerStarted() {
        lock.withLock { starting -= 1 }
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
                idle += 1
                lock.wait()
                idle -= 1
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
        let wanted: Int = lock.withLock {
            stack.append(contentsOf: jobs)
            if jobs.count == 1 { lock.signal() } else { lock.broadcast() }
            let deficit = workerDeficitLocked()
            workers += deficit
            starting += deficit
            return deficit
        }
        launch(wanted)
    }

    /// More threads are wanted when queued jobs outnumber the threads that will take them.
    private func workerDeficitLocked() -> Int {
        guard stopReason == nil else { return 0 }
        return max(0, min(stack.count - idle - starting, maximumWorkers - workers))
    }

    private func launch(_ count: Int) {
        guard count > 0 else { return }
        let refused = threads.start(count)
        if refused > 0 {
            lock.withLock {
                workers -= refused
                starting -= refused
            }
        }
    }

    /// Queues a classify job unless enough are already waiting; returns false when the caller
    /// should do the work itself. Bounds the names held in the queue for huge `DT_UNKNOWN`
    /// directories.
    func offerClassify(_ job: WalkJob, limit: Int) -> Bool {
        let wanted: Int? = lock.withLock {
            guard queuedClassifyJobs < limit, stopReason == nil else { return nil }
            queuedClassifyJobs += 1
            stack.append(job)
            lock.signal()
            let deficit = workerDeficitLocked()
            workers += deficit
            starting += deficit
            return deficit
        }
        guard let wanted else { return false }
        launch(wanted)
        return true
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
