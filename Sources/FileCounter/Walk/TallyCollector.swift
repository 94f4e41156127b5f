import Synchronization

/// Sums the tallies of workers run on joinable threads.
final class TallyCollector: Sendable {
    private let state = Mutex(WalkTally())

    func add(_ tally: WalkTally) { state.withLock { $0.merge(tally) } }
    var total: WalkTally { state.withLock { $0 } }
}
