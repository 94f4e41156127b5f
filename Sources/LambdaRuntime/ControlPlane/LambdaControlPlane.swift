/// What the run loop needs from Lambda: the Runtime API, or a fake in tests.
public protocol LambdaControlPlane: Sendable {
    /// Blocks (long-polls) until Lambda has an event; the process may be frozen meanwhile.
    func nextInvocation() async throws -> Invocation
    func reportResponse(requestId: String, body: [UInt8]) async throws
    /// Makes Lambda record a failed invocation (the `Errors` metric, alarms, retries).
    func reportError(requestId: String, error: LambdaErrorReport) async throws
    /// Reports that the function could not start; Lambda then expects the process to exit.
    func reportInitError(_ error: LambdaErrorReport) async throws
}
