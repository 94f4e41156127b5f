import LambdaRuntime
import Logging

// The two places where the reconcile is plugged into the runtimes. Replace the bodies; the
// commands call nothing else. Anything expensive (credentials, transport, signing keys) built
// here lives for the whole process, so warm Lambda invocations and worker runs reuse it.

/// Builds the Lambda handler once per execution environment. Throwing here (invalid
/// configuration) is posted to the Runtime API's `init/error` and the process exits non-zero.
func makeLambdaHandler(environment: [String: String], logger: Logger) throws -> some LambdaHandler {
    EventDecodingHandler(ClosureInvocationHandler { _, _ in
        throw ReconcileNotWired()
    })
}

/// Builds the worker's run once; it is called every interval with a deadline and a stop signal.
func makeWorkerRun(environment: [String: String], logger: Logger) throws -> WorkerRun {
    { _ in .failed(error: ReconcileNotWired().description) }
}

/// Until the scaling engine is wired in, the runtimes fail loudly rather than report success.
struct ReconcileNotWired: LambdaReportableError, CustomStringConvertible {
    var lambdaErrorType: String { "Runtime.NotImplemented" }
    var description: String { "the reconcile is not wired into this build yet" }
}
