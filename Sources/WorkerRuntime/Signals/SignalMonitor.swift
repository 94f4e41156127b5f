#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Turns POSIX signals (SIGTERM from ECS, SIGINT from a terminal) into an `AsyncStream`.
///
/// A C handler installed with `sigaction` writes the signal number to a self-pipe (the only
/// async-signal-safe thing it does); one dedicated thread reads the pipe and yields to every
/// subscription that asked for that signal. `sigaction` applies to every thread, so no signal
/// mask has to be arranged before other threads exist (which tests could not guarantee).
///
/// The pipe and the reader thread are created on first use and live as long as the process:
/// closing the pipe could race with a handler still running on another thread and write into a
/// reused descriptor. While a subscription is active the signal's default action (termination)
/// is replaced; cancelling the last subscription for a signal restores the previous action.
public final class SignalMonitor: Sendable {
    public static let shared = SignalMonitor()

    private struct Installed {
        var previous: sigaction
        var subscribers: Int
    }

    private struct State {
        var started = false
        var readEnd: Int32 = -1
        var nextId: UInt64 = 0
        var subscribers: [UInt64: (signals: Set<Int32>, continuation: AsyncStream<Int32>.Continuation)] = [:]
        var installed: [Int32: Installed] = [:]
    }

    private let state = Mutex(State())

    private init() {}

    /// Starts delivering `signals` to the returned subscription's stream.
    ///
    /// - Throws: `SignalMonitorError` if the pipe, the thread or `sigaction` fails.
    public func subscribe(to signals: Set<Int32>) throws -> SignalSubscription {
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = try state.withLock { state -> UInt64 in
            try Self.startIfNeeded(&state)
            var counted: [Int32] = []
            do {
                for signal in signals {
                    if state.installed[signal] == nil {
                        state.installed[signal] = Installed(previous: try Self.install(signal), subscribers: 0)
                    }
                    state.installed[signal]!.subscribers += 1
                    counted.append(signal)
                }
            } catch {
                for signal in counted { Self.release(signal, &state) }
                throw error
            }
            state.nextId += 1
            state.subscribers[state.nextId] = (signals, continuation)
            return state.nextId
        }
        return SignalSubscription(stream: stream) { [self] in unsubscribe(id) }
    }

    private func unsubscribe(_ id: UInt64) {
        let continuation = state.withLock { state -> AsyncStream<Int32>.Continuation? in
            guard let subscriber = state.subscribers.removeValue(forKey: id) else { return nil }
            for signal in subscriber.signals { Self.release(signal, &state) }
            return subscriber.continuation
        }
        continuation?.finish()
    }

    /// Drops one subscriber's claim on `signal`; the last one restores the previous action.
    private static func release(_ signal: Int32, _ state: inout State) {
        state.installed[signal]!.subscribers -= 1
        if state.installed[signal]!.subscribers == 0 {
            var previous = state.installed.removeValue(forKey: signal)!.previous
            sigaction(signal, &previous, nil)
        }
    }

    fileprivate func deliver(_ signal: Int32) {
        let targets = state.withLock { state in
            state.subscribers.values.filter { $0.signals.contains(signal) }.map(\.continuation)
        }
        for continuation in targets { continuation.yield(signal) }
    }

    fileprivate var readEnd: Int32 { state.withLock { $0.readEnd } }

    private static func startIfNeeded(_ state: inout State) throws {
        guard !state.started else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SignalMonitorError(operation: "pipe", errno: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // A full pipe must never block the handler; dropping a repeated signal is harmless.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        state.readEnd = fds[0]
        signalPipeWriteEnd.store(fds[1], ordering: .releasing)
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, nil, signalReaderMain, nil)
        guard result == 0 else { throw SignalMonitorError(operation: "pthread_create", errno: result) }
        pthread_detach(thread)
        state.started = true
    }

    private static func install(_ signal: Int32) throws -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = signalHandler
        #else
        action.__sigaction_u.__sa_handler = signalHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var previous = sigaction()
        guard sigaction(signal, &action, &previous) == 0 else {
            throw SignalMonitorError(operation: "sigaction(\(signal))", errno: errno)
        }
        return previous
    }
}

/// Signals delivered to one subscriber; `cancel()` ends the stream and restores the previous
/// action once nobody else listens for that signal.
///
/// Releasing a subscription does not cancel it: the optimizer may release an object right after
/// its last use, and a worker that still awaits the stream must not lose its handler then.
public final class SignalSubscription: Sendable {
    public let signals: AsyncStream<Int32>
    private let onCancel: Mutex<(@Sendable () -> Void)?>

    init(stream: AsyncStream<Int32>, onCancel: @escaping @Sendable () -> Void) {
        signals = stream
        self.onCancel = Mutex(onCancel)
    }

    public func cancel() {
        onCancel.withLock { action in
            let run = action
            action = nil
            return run
        }?()
    }
}

public struct SignalMonitorError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let errno: Int32
    public var description: String { "\(operation) failed: \(String(cString: strerror(errno)))" }
}

/// The write end of the self-pipe, read by the C handler (which can capture nothing).
private let signalPipeWriteEnd = Atomic<Int32>(-1)

private func signalHandler(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd.load(ordering: .acquiring), &byte, 1)
    errno = saved
}

private func signalReaderMain(_: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let fd = SignalMonitor.shared.readEnd
    var byte: UInt8 = 0
    while true {
        let count = read(fd, &byte, 1)
        if count == 1 {
            SignalMonitor.shared.deliver(Int32(byte))
        } else if count < 0 && errno == EINTR {
            continue
        } else {
            return nil
        }
    }
}
