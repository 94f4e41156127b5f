import CCurl
import Logging
import Synchronization

/// One request handed to the curl thread, with the continuation to resume when it ends.
struct CurlTransferOrder: Sendable {
    let id: UInt64
    let plan: CurlRequestPlan
    let continuation: CheckedContinuation<HTTPResponse, any Error>
}

/// The thread-safe side of the curl event loop: a lock-protected inbox of commands for the one
/// thread that owns the multi handle (`CurlTransportDriver`), plus the wake-up call.
///
/// Any thread may `submit`, `cancel` or `shutdown`; each appends a command and wakes the curl
/// thread with `curl_multi_wakeup` (documented as callable from any thread). The wake-up is made
/// under the lock and the driver clears `multi` under the same lock before cleaning the handle
/// up, so a wake-up can never touch a freed multi handle.
final class CurlTransportLoop: Sendable {
    enum Command: Sendable {
        case start(CurlTransferOrder)
        case cancel(UInt64)
    }

    enum Status: Sendable, Equatable {
        case starting
        case running
        /// The loop could not start (thread or multi handle creation failed); every request fails.
        case failed(String)
        case stopped
    }

    private struct State {
        var commands: [Command] = []
        var stopRequested = false
        var status = Status.starting
        var multi: WakeupHandle?
    }

    /// The multi handle as seen from other threads: only ever passed to `curl_multi_wakeup`,
    /// which libcurl documents as thread-safe, and only while the driver has it attached.
    struct WakeupHandle: @unchecked Sendable {
        let multi: UnsafeMutableRawPointer
        func wake() { curl_multi_wakeup(multi) }
    }

    private let state = Mutex(State())
    private let ids = Atomic<UInt64>(0)

    /// `curl_global_init` is not thread-safe and must run once per process before any other
    /// libcurl call; a global `let` is initialised exactly once, thread-safely, on first use.
    private static let globalInit: CURLcode = efs_curl_global_init_all()

    /// Starts the curl thread. Failures are not thrown: they put the loop in `.failed`, and every
    /// request then fails with a transport error that says why.
    init(maximumCachedConnections: Int, logger: Logger) {
        guard Self.globalInit == CURLE_OK else {
            state.withLock { $0.status = .failed("curl_global_init failed with code \(Self.globalInit.rawValue)") }
            return
        }
        let failure = CurlTransportThread.detach { [self] in
            CurlTransportDriver.run(loop: self, maximumCachedConnections: maximumCachedConnections, logger: logger)
        }
        if let failure {
            state.withLock { $0.status = .failed("could not start the libcurl thread (pthread_create error \(failure))") }
        }
    }

    func makeId() -> UInt64 { ids.wrappingAdd(1, ordering: .relaxed).newValue }

    var status: Status { state.withLock { $0.status } }

    func submit(_ order: CurlTransferOrder) {
        let refusal = state.withLock { s -> String? in
            switch s.status {
            case .failed(let why): return why
            case .stopped: return "the transport has been shut down"
            case .starting, .running: break
            }
            s.commands.append(.start(order))
            s.multi?.wake()
            return nil
        }
        if let refusal {
            order.continuation.resume(throwing: HTTPTransportError(
                kind: .other, detail: refusal, url: CurlTransportErrors.redact(order.plan.url)))
        }
    }

    func cancel(_ id: UInt64) {
        state.withLock { s in
            s.commands.append(.cancel(id))
            s.multi?.wake()
        }
    }

    /// Asks the curl thread to abort what is in flight, free the multi handle and exit. Does not
    /// wait (a deinit must not block); `status` becomes `.stopped` once the thread is done.
    func shutdown() {
        state.withLock { s in
            s.stopRequested = true
            s.multi?.wake()
        }
    }

    // MARK: Called on the curl thread only.

    /// Publishes the multi handle for wake-ups. `false` if a shutdown already arrived.
    func attach(_ multi: UnsafeMutableRawPointer) -> Bool {
        let handle = WakeupHandle(multi: multi)
        return state.withLock { s in
            guard !s.stopRequested else { return false }
            s.multi = handle
            s.status = .running
            return true
        }
    }

    func takeCommands() -> (commands: [Command], stop: Bool) {
        state.withLock { s in
            defer { s.commands.removeAll() }
            return (s.commands, s.stopRequested)
        }
    }

    /// Withdraws the multi handle (no more wake-ups can reach it) and returns commands that
    /// arrived too late to run.
    func detach(status: Status) -> [Command] {
        state.withLock { s in
            s.multi = nil
            s.status = status
            defer { s.commands.removeAll() }
            return s.commands
        }
    }
}
