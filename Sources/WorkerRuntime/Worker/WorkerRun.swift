import LambdaRuntime

/// What one worker run receives: when it must be done by, and whether to stop early.
public struct WorkerRunContext: Sendable {
    /// The start of the next interval: a run should not overlap the next one.
    public let deadline: InvocationDeadline
    public let stop: StopSignal
    /// 1 for the first run since the worker started.
    public let iteration: Int

    public init(deadline: InvocationDeadline, stop: StopSignal, iteration: Int) {
        self.deadline = deadline
        self.stop = stop
        self.iteration = iteration
    }
}

/// How a run ended, for the worker's log. A failed run does not stop the worker: the next
/// interval reconciles again.
public enum WorkerRunOutcome: Sendable, Equatable {
    case succeeded(summary: String)
    case failed(error: String)
}

/// The work the worker repeats (the reconcile, injected by the command).
public typealias WorkerRun = @Sendable (WorkerRunContext) async -> WorkerRunOutcome
