import Synchronization

/// Settles the race between a task's cancellation handler and the hand-over of its request to
/// the curl thread: the handler may run before, during or after the hand-over.
///
/// - cancelled before hand-over: the hand-over sees it and fails at once (nothing is sent);
/// - cancelled after: the handler asks the curl thread to abort the transfer;
/// - a cancel for a transfer that already finished is ignored by the curl thread.
final class CurlTransportTicket: Sendable {
    enum Phase { case created, handedOver, cancelledEarly }

    let id: UInt64
    private let phase = Mutex(Phase.created)

    init(id: UInt64) { self.id = id }

    /// `true` if the request may go to the curl thread; `false` if the task was already cancelled.
    func handOver() -> Bool {
        phase.withLock { p in
            guard p == .created else { return false }
            p = .handedOver
            return true
        }
    }

    /// `true` if the transfer is (or was) on the curl thread and must be aborted there.
    func cancel() -> Bool {
        phase.withLock { p in
            switch p {
            case .created:
                p = .cancelledEarly
                return false
            case .handedOver:
                return true
            case .cancelledEarly:
                return false
            }
        }
    }
}
