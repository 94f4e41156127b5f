import Synchronization

/// Set when the worker has been asked to stop. A run checks it between steps and returns at the
/// next safe point; nothing cancels the run's task, so a step in progress (e.g. creating a
/// mount target and recording it) always completes.
public final class StopSignal: Sendable {
    private let requested = Atomic(false)

    public init() {}

    public var isRequested: Bool { requested.load(ordering: .acquiring) }

    public func request() { requested.store(true, ordering: .releasing) }
}
