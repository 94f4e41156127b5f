/// The walk's OS threads: started on demand (a flat directory never needs more than one; each
/// idle thread still has to be woken and scheduled to end, which on a busy machine costs more
/// than a small walk), and reporting once, with the sum of their tallies, when the last one ends.
final class WorkerThreads: @unchecked Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private var body: (@Sendable () -> WalkTally)?
    private var live = 0
    private var total = WalkTally()
    private var finished: WalkTally?
    private var onFinish: (@Sendable (WalkTally) -> Void)?

    /// What each thread runs. Cleared when the last thread ends, which also breaks the reference
    /// cycle through the walk's queue.
    func configure(_ body: @escaping @Sendable () -> WalkTally) {
        lock.withLock { self.body = body }
    }

    /// Starts `count` threads; returns how many the system refused.
    func start(_ count: Int) -> Int {
        var refused = 0
        for _ in 0..<count {
            let body: (@Sendable () -> WalkTally)? = lock.withLock {
                guard finished == nil, let body = self.body else { return nil }
                live += 1
                return body
            }
            guard let body else { return count }
            if !BlockingThread.detach({ self.end(body()) }) {
                refused += 1
                end(WalkTally())
            }
        }
        return refused
    }

    /// Calls `handler` once with the total when the last thread has ended (at once if it has).
    func whenFinished(_ handler: @escaping @Sendable (WalkTally) -> Void) {
        let done: WalkTally? = lock.withLock {
            if finished == nil { onFinish = handler }
            return finished
        }
        if let done { handler(done) }
    }

    /// Blocks the calling thread until the last thread has ended.
    func waitUntilFinished() -> WalkTally {
        lock.withLock {
            while finished == nil { lock.wait() }
            return finished!
        }
    }

    private func end(_ tally: WalkTally) {
        let (handler, done): ((@Sendable (WalkTally) -> Void)?, WalkTally?) = lock.withLock {
            total.merge(tally)
            live -= 1
            guard live == 0 else { return (nil, nil) }
            finished = total
            body = nil
            lock.broadcast()
            defer { onFinish = nil }
            return (onFinish, total)
        }
        if let handler, let done { handler(done) }
    }
}
