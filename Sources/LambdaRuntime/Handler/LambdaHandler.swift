/// Turns one event into one response, bytes in and bytes out. Constructed once per execution
/// environment and reused by every warm invocation, so it is where expensive state lives
/// (credentials, connections, signing keys).
///
/// Throwing makes Lambda record a failed invocation with the error's `errorType`.
public protocol LambdaHandler: Sendable {
    func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8]
}

/// The application's side of an invocation: a decoded, validated `LambdaEvent` in, the report
/// JSON out. `EventDecodingHandler` adapts it to `LambdaHandler`, so a malformed event is
/// rejected before any of this code (and so any AWS call) runs.
public protocol InvocationHandling: Sendable {
    func handle(_ event: LambdaEvent, context: LambdaContext) async throws -> [UInt8]
}

/// Decodes the event, then hands it to `Handling`.
public struct EventDecodingHandler<Handling: InvocationHandling>: LambdaHandler {
    public let handling: Handling

    public init(_ handling: Handling) { self.handling = handling }

    public func handle(_ event: [UInt8], context: LambdaContext) async throws -> [UInt8] {
        try await handling.handle(try LambdaEvent(json: event), context: context)
    }
}

/// An `InvocationHandling` made from a closure, for wiring and tests.
public struct ClosureInvocationHandler: InvocationHandling {
    private let body: @Sendable (LambdaEvent, LambdaContext) async throws -> [UInt8]

    public init(_ body: @escaping @Sendable (LambdaEvent, LambdaContext) async throws -> [UInt8]) {
        self.body = body
    }

    public func handle(_ event: LambdaEvent, context: LambdaContext) async throws -> [UInt8] {
        try await body(event, context)
    }
}
