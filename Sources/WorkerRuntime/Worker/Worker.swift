#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaRuntime
import Logging

/// Runs the reconcile every `schedule.interval` (jittered) until a stop signal arrives.
///
/// On a signal while idle it exits at once; during a run it sets the run's `StopSignal`, waits
/// for the run to return (the run stops at its next safe point) for at most `schedule.grace`,
/// and exits. It never cancels a run, so a step in progress is never cut in half by the worker.
public struct Worker: Sendable {
    public let schedule: WorkerSchedule
    public let logger: Logger

    public init(schedule: WorkerSchedule, logger: Logger) {
        self.schedule = schedule
        self.logger = logger
    }

    private enum Event: Sendable {
        case signal(Int32)
        case runFinished(WorkerRunOutcome, Duration)
        case timerFired
        case graceExpired
    }

    /// - Parameters:
    ///   - signals: stop requests (e.g. `SignalMonitor` for SIGTERM and SIGINT).
    ///   - delay: the wait before each next run; `schedule.randomDelay` unless a test fixes it.
    public func run(signals: AsyncStream<Int32>, delay: (@Sendable () -> Duration)? = nil, body: @escaping WorkerRun) async -> WorkerExit {
        let (events, emit) = AsyncStream<Event>.makeStream()
        let forwarder = Task { for await signal in signals { emit.yield(.signal(signal)) } }
        defer { forwarder.cancel() }
        let nextDelay = delay ?? { [schedule] in schedule.randomDelay() }
        logger.info("worker started", metadata: ["interval_ms": "\(schedule.interval.milliseconds)", "jitter": "\(schedule.jitter)"])
        var iterator = events.makeAsyncIterator()
        var iteration = 0
        while true {
            iteration += 1
            let stop = StopSignal()
            let started = ContinuousClock.now
            let context = WorkerRunContext(deadline: .after(schedule.interval), stop: stop, iteration: iteration)
            logger.info("run started", metadata: ["iteration": "\(iteration)"])
            Task {
                let outcome = await body(context)
                emit.yield(.runFinished(outcome, ContinuousClock.now - started))
            }
            var stopping: Int32?
            var graceTimer: Task<Void, Never>?
            defer { graceTimer?.cancel() }
            runLoop: while let event = await iterator.next() {
                switch event {
                case .runFinished(let outcome, let duration):
                    log(outcome, iteration: iteration, duration: duration)
                    break runLoop
                case .signal(let signal) where stopping == nil:
                    stopping = signal
                    stop.request()
                    logger.notice("stop requested; waiting for the run to reach a safe point",
                                  metadata: ["signal": "\(signal)", "grace_ms": "\(schedule.grace.milliseconds)"])
                    graceTimer = Task { [grace = schedule.grace] in
                        do { try await Task.sleep(for: grace) } catch { return }
                        emit.yield(.graceExpired)
                    }
                case .graceExpired:
                    logger.error("the run did not stop within the grace period; exiting anyway",
                                 metadata: ["grace_ms": "\(schedule.grace.milliseconds)"])
                    return .graceExceeded
                case .signal, .timerFired:
                    continue
                }
            }
            if let signal = stopping {
                logger.notice("worker stopped", metadata: ["signal": "\(signal)", "runs": "\(iteration)"])
                return .stopped(signal: signal)
            }
            let wait = max(.zero, nextDelay() - (ContinuousClock.now - started))
            let timer = Task {
                do { try await Task.sleep(for: wait) } catch { return }
                emit.yield(.timerFired)
            }
            waitLoop: while let event = await iterator.next() {
                switch event {
                case .timerFired: break waitLoop
                case .signal(let signal):
                    timer.cancel()
                    logger.notice("worker stopped", metadata: ["signal": "\(signal)", "runs": "\(iteration)"])
                    return .stopped(signal: signal)
                case .runFinished, .graceExpired: continue
                }
            }
        }
    }

    private func log(_ outcome: WorkerRunOutcome, iteration: Int, duration: Duration) {
        let timing: Logger.Metadata = ["iteration": "\(iteration)", "duration_ms": "\(duration.milliseconds)"]
        switch outcome {
        case .succeeded(let summary):
            logger.info("run succeeded", metadata: timing.merging(["summary": "\(summary)"]) { $1 })
        case .failed(let error):
            logger.error("run failed", metadata: timing.merging(["error": "\(error)"]) { $1 })
        }
    }
}

/// How the worker ended. A stop that waited for the run exits 0, as ECS expects of a clean
/// shutdown; a run that outlived the grace period exits 1 (the state document lets the next
/// run resume whatever it left pending).
public enum WorkerExit: Sendable, Equatable {
    case stopped(signal: Int32)
    case graceExceeded

    public var exitCode: Int32 { self == .graceExceeded ? 1 : 0 }
}
