import Synchronization

/// Totals shared by the worker threads, read by the progress task while the walk runs. Workers
/// publish once per kernel batch, so the atomics are not contended per entry.
final class WalkCounters: Sendable {
    let files = Atomic<Int>(0)
    let directories = Atomic<Int>(0)
    let openHandles = Atomic<Int>(0)
    /// Set once the walk must stop (deadline, cancellation); read between batches without the lock.
    let stopRequested = Atomic<Bool>(false)
}
