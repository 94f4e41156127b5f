import Glibc

/// One count: the validated, opened root, the queue, and the worker configuration. Both entry
/// points (`FileCounter.count` and the blocking `run`) drive the same workers.
final class Walk: Sendable {
    let queue: WalkQueue
    let worker: WalkWorker
    let start: ContinuousClock.Instant

    /// Opens the root, following a symlink there (a mount point is often reached through one);
    /// below the root nothing is followed. Throws `CountError` naming the root.
    init(root: String, options: CountOptions, cache: DirectoryCache? = nil) throws(CountError) {
        guard (1...CountOptions.maximumConcurrency).contains(options.concurrency) else {
            throw CountError(kind: .invalidOptions, path: "concurrency",
                             reason: "\(options.concurrency) is not between 1 and \(CountOptions.maximumConcurrency)")
        }
        var info = stat()
        guard stat(root, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw CountError(kind: .notFound, path: root, reason: String(cString: strerror(code)))
            }
            throw CountError(kind: .unreadable, path: root, reason: String(cString: strerror(code)))
        }
        guard info.st_mode & 0o170000 == 0o040000 else {
            throw CountError(kind: .notADirectory, path: root, reason: "not a directory")
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CountError(kind: .unreadable, path: root, reason: String(cString: strerror(errno)))
        }
        start = ContinuousClock.now
        queue = WalkQueue(maximumWorkers: options.recursive ? options.concurrency : 1,
                          deadline: options.deadline, now: options.now)
        queue.enqueueFirst(.listOpened(DirectoryHandle(fd: fd, path: Array(root.utf8), counters: queue.counters)))
        worker = WalkWorker(
            queue: queue, recursive: options.recursive,
            treatEveryTypeAsUnknown: options.treatEveryTypeAsUnknown,
            maximumOpenHandles: options.openHandleBudget ?? Self.openHandleBudget(concurrency: options.concurrency),
            classifyQueueLimit: 2 * options.concurrency,
            cache: cache)
        let worker = self.worker
        queue.threads.configure { worker.run() }
    }

    /// Every worker needs one descriptor for the directory it reads and each queued parent keeps
    /// one; stay well inside the process's limit (Lambda's is 1024) whatever else is open.
    static func openHandleBudget(concurrency: Int) -> Int {
        var limit = rlimit()
        let soft = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : 1024
        return max(concurrency + 8, min(4 * concurrency + 256, soft / 2))
    }

    /// Runs the walk and waits for it, blocking the calling thread. The first worker thread is
    /// started from the calling thread and the others from worker threads, so all inherit the
    /// caller's credentials (tests rely on that to walk as another user).
    func runBlocking() -> CountResult {
        queue.startWorkers()
        return result(queue.threads.waitUntilFinished())
    }

    /// Runs the walk on its own threads and suspends (without blocking a thread of the
    /// cooperative pool) until the last of them ends.
    func run() async -> CountResult {
        queue.startWorkers()
        let total = await withCheckedContinuation { (continuation: CheckedContinuation<WalkTally, Never>) in
            queue.threads.whenFinished { continuation.resume(returning: $0) }
        }
        return result(total)
    }

    func result(_ tally: WalkTally) -> CountResult {
        let outcome = queue.outcome
        return CountResult(
            files: tally.files, directories: tally.directories, symlinks: tally.symlinks,
            otherEntries: tally.otherEntries, unreadableDirectories: tally.unreadableDirectories,
            unreadableExamples: outcome.examples, reusedDirectories: tally.reusedDirectories,
            elapsedMs: elapsedMs,
            complete: outcome.complete)
    }
}

extension Walk {
    var progress: CountProgress {
        CountProgress(
            files: queue.counters.files.load(ordering: .relaxed),
            directories: queue.counters.directories.load(ordering: .relaxed),
            elapsedMs: elapsedMs)
    }

    var elapsedMs: Int {
        let elapsed = (ContinuousClock.now - start).components
        return Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000)
    }
}
