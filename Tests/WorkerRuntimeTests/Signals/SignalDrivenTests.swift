import Foundation
import InMemoryLogging
import LambdaRuntime
import Logging
import WorkerRuntime
import Synchronization
import Testing

/// Everything here delivers real signals to the test process with `kill(getpid(), …)`, only
/// while `SignalMonitor` has a handler installed for that signal. Serialized, because a
/// process-directed signal reaches every subscription for it. Time bounds are generous (other
/// suites may keep the cooperative pool busy); the outcomes prove which path was taken.
@Suite(.serialized) struct SignalDrivenTests {
    /// Polls without blocking the pool.
    static func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    static func currentHandlerIsDefault(_ signal: Int32) -> Bool {
        var current = sigaction()
        sigaction(signal, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_DFL, to: Int.self)
    }

    @Test func theMonitorDeliversToEverySubscriberAndRestoresTheDefaultAction() async throws {
        #expect(Self.currentHandlerIsDefault(SIGUSR1))
        let first = try SignalMonitor.shared.subscribe(to: [SIGUSR1])
        let second = try SignalMonitor.shared.subscribe(to: [SIGUSR1, SIGUSR2])
        #expect(!Self.currentHandlerIsDefault(SIGUSR1))
        kill(getpid(), SIGUSR1)
        var firstSignals = first.signals.makeAsyncIterator()
        var secondSignals = second.signals.makeAsyncIterator()
        #expect(await firstSignals.next() == SIGUSR1)
        #expect(await secondSignals.next() == SIGUSR1)
        first.cancel()
        #expect(await firstSignals.next() == nil, "a cancelled subscription's stream ends")
        #expect(!Self.currentHandlerIsDefault(SIGUSR1), "still installed for the second subscriber")
        kill(getpid(), SIGUSR2)
        #expect(await secondSignals.next() == SIGUSR2)
        second.cancel()
        #expect(Self.currentHandlerIsDefault(SIGUSR1))
        #expect(Self.currentHandlerIsDefault(SIGUSR2))
    }

    /// Records step boundaries so a test can prove no step was cut in half.
    final class Steps: Sendable {
        let events = Mutex<[String]>([])
        let runsFinished = Atomic(0)
        let iterations = Mutex<[(Int, InvocationDeadline)]>([])
        var starts: Int { events.withLock { $0.filter { $0.hasPrefix("start") }.count } }
        var ends: Int { events.withLock { $0.filter { $0.hasPrefix("end") }.count } }
    }

    @Test func aStopDuringARunLetsTheStepInProgressFinishAndExitsZero() async throws {
        let subscription = try SignalMonitor.shared.subscribe(to: [SIGTERM, SIGINT])
        defer { subscription.cancel() }
        let steps = Steps()
        let capture = LogCapture()
        let worker = Worker(schedule: WorkerSchedule(interval: .seconds(60), grace: .seconds(5)), logger: capture.logger())
        let run = Task {
            await worker.run(signals: subscription.signals) { context in
                for step in 1...1_000 {
                    if context.stop.isRequested { break }
                    steps.events.withLock { $0.append("start \(step)") }
                    try? await Task.sleep(for: .milliseconds(20))
                    steps.events.withLock { $0.append("end \(step)") }
                }
                steps.runsFinished.add(1, ordering: .relaxed)
                return .succeeded(summary: "stopped at a safe point")
            }
        }
        #expect(await Self.eventually { steps.starts >= 2 })
        let sent = ContinuousClock.now
        kill(getpid(), SIGTERM)
        let exit = await run.value
        let elapsed = ContinuousClock.now - sent
        #expect(exit == .stopped(signal: SIGTERM))
        #expect(exit.exitCode == 0)
        #expect(elapsed < .seconds(10))
        #expect(steps.runsFinished.load(ordering: .relaxed) == 1, "the run returned before the worker exited")
        #expect(steps.starts == steps.ends, "no step was abandoned half-way: \(steps.events.withLock { $0 })")
        #expect(steps.starts < 1_000, "the run stopped early")
        let messages = capture.messages()
        #expect(messages == ["worker started", "run started", "stop requested; waiting for the run to reach a safe point", "run succeeded", "worker stopped"])
    }

    @Test func aStopBetweenRunsExitsAtOnce() async throws {
        let subscription = try SignalMonitor.shared.subscribe(to: [SIGTERM, SIGINT])
        defer { subscription.cancel() }
        let steps = Steps()
        let worker = Worker(schedule: WorkerSchedule(interval: .seconds(60)), logger: LogCapture().logger())
        let run = Task {
            await worker.run(signals: subscription.signals) { _ in
                steps.runsFinished.add(1, ordering: .relaxed)
                return .failed(error: "EFS unreachable")
            }
        }
        #expect(await Self.eventually { steps.runsFinished.load(ordering: .relaxed) == 1 })
        let sent = ContinuousClock.now
        kill(getpid(), SIGINT)
        #expect(await run.value == .stopped(signal: SIGINT))
        #expect(ContinuousClock.now - sent < .seconds(10), "not after the 60 s interval")
        #expect(steps.runsFinished.load(ordering: .relaxed) == 1)
    }

    @Test func aRunThatIgnoresTheStopIsAbandonedAfterTheGracePeriod() async throws {
        let subscription = try SignalMonitor.shared.subscribe(to: [SIGTERM])
        defer { subscription.cancel() }
        let started = Atomic(false)
        let capture = LogCapture()
        let worker = Worker(schedule: WorkerSchedule(interval: .seconds(60), grace: .milliseconds(300)), logger: capture.logger())
        let run = Task {
            await worker.run(signals: subscription.signals) { _ in
                started.store(true, ordering: .relaxed)
                try? await Task.sleep(for: .seconds(30))
                return .succeeded(summary: "late")
            }
        }
        #expect(await Self.eventually { started.load(ordering: .relaxed) })
        let sent = ContinuousClock.now
        kill(getpid(), SIGTERM)
        let exit = await run.value
        let elapsed = ContinuousClock.now - sent
        #expect(exit == .graceExceeded)
        #expect(exit.exitCode == 1)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(10))
        #expect(capture.messages().last == "the run did not stop within the grace period; exiting anyway")
    }

    @Test func runsRepeatOnTheIntervalUntilStopped() async throws {
        let subscription = try SignalMonitor.shared.subscribe(to: [SIGTERM])
        defer { subscription.cancel() }
        let steps = Steps()
        let worker = Worker(schedule: WorkerSchedule(interval: .milliseconds(200)), logger: LogCapture().logger())
        let run = Task {
            await worker.run(signals: subscription.signals, delay: { .milliseconds(30) }) { context in
                steps.iterations.withLock { $0.append((context.iteration, context.deadline)) }
                steps.runsFinished.add(1, ordering: .relaxed)
                return .succeeded(summary: "ok")
            }
        }
        #expect(await Self.eventually { steps.runsFinished.load(ordering: .relaxed) >= 3 })
        kill(getpid(), SIGTERM)
        #expect(await run.value == .stopped(signal: SIGTERM))
        let iterations = steps.iterations.withLock { $0 }
        #expect(iterations.map(\.0) == Array(1...iterations.count))
        // Each run's deadline is one interval after its start.
        for (_, deadline) in iterations {
            #expect(deadline.remaining() <= .milliseconds(200))
        }
        #expect(zip(iterations, iterations.dropFirst()).allSatisfy { $0.1 < $1.1 })
    }
}

extension SignalDrivenTests {
    /// SIGKILL cannot be caught: the subscription fails and leaves nothing half-installed.
    @Test func aSignalThatCannotBeCaughtFailsTheWholeSubscription() throws {
        let error = #expect(throws: SignalMonitorError.self) { try SignalMonitor.shared.subscribe(to: [SIGUSR1, SIGKILL]) }
        #expect(error?.operation == "sigaction(\(SIGKILL))")
        #expect(Self.currentHandlerIsDefault(SIGUSR1))
    }
}

/// swift-log's in-memory handler, at `debug`, and the messages it kept.
struct LogCapture {
    let handler = InMemoryLogHandler()

    func logger() -> Logger {
        var handler = handler
        handler.logLevel = .debug
        return Logger(label: "efs-autoscaler") { _ in handler }
    }

    func messages() -> [String] { handler.entries.map(\.message.description) }
}
