#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The Runtime API loop: next → handle → response or error, for as long as Lambda keeps the
/// execution environment.
public struct LambdaRuntimeLoop<ControlPlane: LambdaControlPlane>: Sendable {
    /// Lambda's synchronous response limit (6 MB). A larger response would be refused by the
    /// Runtime API after the work was done; it is reported as `Runtime.ResponseTooLarge` instead.
    public static var responseLimit: Int { 6 * 1024 * 1024 }

    public let controlPlane: ControlPlane
    public let logger: Logger
    /// Stop after this many invocations (tests, benchmarks); `nil` in Lambda.
    public let maxInvocations: Int?

    public init(controlPlane: ControlPlane, logger: Logger, maxInvocations: Int? = nil) {
        self.controlPlane = controlPlane
        self.logger = logger
        self.maxInvocations = maxInvocations
    }

    /// Builds the handler once (a failure is posted to `…/init/error`), then serves invocations.
    /// Returns only when `maxInvocations` is reached or the Runtime API fails.
    public func run<Handler: LambdaHandler>(makeHandler: () async throws -> Handler) async -> LambdaRuntimeExit {
        let handler: Handler
        do {
            handler = try await makeHandler()
        } catch {
            let report = LambdaErrorReport(error)
            logger.error("initialization failed", metadata: ["error_type": "\(report.errorType)", "error": "\(report.errorMessage)"])
            do { try await controlPlane.reportInitError(report) } catch {
                logger.error("could not report the initialization error", metadata: ["error": "\(error)"])
            }
            return .initializationFailed(report)
        }
        var served = 0
        do {
            while maxInvocations.map({ served < $0 }) ?? true {
                let invocation = try await controlPlane.nextInvocation()
                Self.exportTraceId(invocation.traceId)
                let context = LambdaContext(invocation: invocation, logger: logger)
                switch await Self.outcome(of: handler, invocation, context) {
                case .success(let response):
                    try await controlPlane.reportResponse(requestId: invocation.requestId, body: response)
                case .failure(let error):
                    let report = LambdaErrorReport(error)
                    context.logger.error("invocation failed", metadata: ["error_type": "\(report.errorType)", "error": "\(report.errorMessage)"])
                    try await controlPlane.reportError(requestId: invocation.requestId, error: report)
                }
                served += 1
            }
            return .completed(invocations: served)
        } catch {
            logger.error("the Runtime API failed; exiting so Lambda restarts the runtime", metadata: ["error": "\(error)"])
            return .runtimeAPIFailed(String(describing: error), invocations: served)
        }
    }

    /// The handler's result, kept apart from Runtime API failures (which end the loop).
    private static func outcome<Handler: LambdaHandler>(of handler: Handler, _ invocation: Invocation, _ context: LambdaContext) async -> Result<[UInt8], any Error> {
        do {
            let response = try await handler.handle(invocation.event, context: context)
            guard response.count <= responseLimit else {
                return .failure(LambdaResponseTooLarge(size: response.count, limit: responseLimit))
            }
            return .success(response)
        } catch {
            return .failure(error)
        }
    }

    /// The X-Ray SDKs read the trace header from the environment. `setenv` is not thread-safe
    /// against a concurrent `getenv`, which is why it happens here, before the handler starts.
    static func exportTraceId(_ traceId: String?) {
        if let traceId { setenv("_X_AMZN_TRACE_ID", traceId, 1) } else { unsetenv("_X_AMZN_TRACE_ID") }
    }
}

/// How the loop ended; the command turns it into an exit status.
public enum LambdaRuntimeExit: Sendable, Equatable {
    case completed(invocations: Int)
    case initializationFailed(LambdaErrorReport)
    case runtimeAPIFailed(String, invocations: Int)

    public var exitCode: Int32 {
        if case .completed = self { return 0 }
        return 1
    }
}

/// A response over Lambda's 6 MB limit.
public struct LambdaResponseTooLarge: Error, Sendable, CustomStringConvertible, LambdaReportableError {
    public let size: Int
    public let limit: Int
    public var lambdaErrorType: String { "Runtime.ResponseTooLarge" }
    public var description: String { "the response is \(size) bytes, over Lambda's limit of \(limit) bytes" }
}
