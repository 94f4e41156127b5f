import AWSCore
import Foundation
import LambdaRuntime
import Synchronization

/// A Lambda Runtime API on 127.0.0.1 that hands out queued invocations and checks every request
/// the runtime makes: method, path, headers, body shape and the order of calls. Anything off is
/// recorded in `violations`, which every test expects to be empty.
///
/// Once the queue is empty, `next` is answered with HTTP 500, so a runtime under test exits
/// (non-zero) instead of waiting forever.
public final class LocalRuntimeAPI: Sendable {
    public struct QueuedInvocation: Sendable {
        public var requestId: String
        public var deadlineMilliseconds: String
        public var functionARN = "arn:aws:lambda:ap-northeast-1:123456789012:function:efs-autoscaler"
        public var traceId: String? = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        public var clientContext: String?
        public var event: [UInt8]

        public init(requestId: String, deadline: InvocationDeadline = .after(.seconds(60)), event: String = "{}") {
            self.requestId = requestId
            self.deadlineMilliseconds = "\(deadline.millisecondsSinceEpoch)"
            self.event = Array(event.utf8)
        }
    }

    public enum Report: Sendable, Equatable {
        case response(requestId: String, body: [UInt8])
        case error(requestId: String, errorType: String, errorMessage: String)
        case initError(errorType: String, errorMessage: String)
    }

    private struct State {
        var queue: [QueuedInvocation]
        /// `next` calls still to leave unanswered, as a frozen or slow Lambda would.
        var hangingNextCalls: Int
        var outstanding: String?
        var nextCalls = 0
        var reports: [Report] = []
        var violations: [String] = []
    }

    private final class Box: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let box: Box
    public let server: LocalHTTPServer
    public static let prefix = "/2018-06-01/runtime"

    public init(_ invocations: [QueuedInvocation], hangingNextCalls: Int = 0) throws {
        let box = Box(State(queue: invocations, hangingNextCalls: hangingNextCalls))
        self.box = box
        server = LocalHTTPServer { request in LocalRuntimeAPI.handle(request, box) }
        try server.start()
    }

    deinit { server.stop() }

    public var endpoint: String { "127.0.0.1:\(server.port)" }
    public var reports: [Report] { box.state.withLock { $0.reports } }
    public var violations: [String] { box.state.withLock { $0.violations } }
    public var nextCalls: Int { box.state.withLock { $0.nextCalls } }

    /// A client over the production transport, ignoring any proxy variables of the test host.
    public func client(nextTimeouts: HTTPTimeouts = RuntimeAPIClient.defaultNextTimeouts) throws -> RuntimeAPIClient {
        try RuntimeAPIClient(endpoint: endpoint, transport: CurlTransport(environment: [:]), nextTimeouts: nextTimeouts)
    }

    private static func handle(_ request: LocalHTTPServer.RecordedRequest, _ box: Box) -> LocalHTTPServer.Action {
        box.state.withLock { state in
            let path = request.path
            if request.method == "GET" && path == prefix + "/invocation/next" {
                if let id = state.outstanding { state.violations.append("next called while \(id) was unanswered") }
                if !request.body.isEmpty { state.violations.append("next carried a body") }
                state.nextCalls += 1
                if state.hangingNextCalls > 0 {
                    state.hangingNextCalls -= 1
                    return .hang
                }
                guard !state.queue.isEmpty else {
                    return .respond(status: 500, text: #"{"errorMessage":"no more invocations in this test","errorType":"Test.Exhausted"}"#)
                }
                let invocation = state.queue.removeFirst()
                state.outstanding = invocation.requestId
                var headers: HTTPHeaders = [
                    RuntimeAPIHeaders.requestId: invocation.requestId,
                    RuntimeAPIHeaders.deadlineMilliseconds: invocation.deadlineMilliseconds,
                    RuntimeAPIHeaders.invokedFunctionARN: invocation.functionARN,
                    "Content-Type": "application/json",
                ]
                if let trace = invocation.traceId { headers.add(RuntimeAPIHeaders.traceId, trace) }
                if let context = invocation.clientContext { headers.add(RuntimeAPIHeaders.clientContext, context) }
                return .respond(status: 200, headers: headers, body: invocation.event)
            }
            guard request.method == "POST" else {
                state.violations.append("unexpected \(request.method) \(request.target)")
                return .respond(status: 404)
            }
            if path == prefix + "/init/error" {
                if state.nextCalls > 0 { state.violations.append("init/error after next") }
                guard let report = errorReport(request, &state.violations) else { return .respond(status: 400) }
                state.reports.append(.initError(errorType: report.errorType, errorMessage: report.errorMessage))
                return .respond(status: 202, text: #"{"status":"OK"}"#)
            }
            let invocationPrefix = prefix + "/invocation/"
            guard path.hasPrefix(invocationPrefix) else {
                state.violations.append("unexpected POST \(request.target)")
                return .respond(status: 404)
            }
            let parts = path.dropFirst(invocationPrefix.count).split(separator: "/").map(String.init)
            guard parts.count == 2, parts[0] == state.outstanding else {
                state.violations.append("POST \(path) does not answer the outstanding invocation \(state.outstanding ?? "none")")
                return .respond(status: 400, text: #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#)
            }
            switch parts[1] {
            case "response":
                state.reports.append(.response(requestId: parts[0], body: request.body))
            case "error":
                guard let report = errorReport(request, &state.violations) else { return .respond(status: 400) }
                state.reports.append(.error(requestId: parts[0], errorType: report.errorType, errorMessage: report.errorMessage))
            default:
                state.violations.append("unexpected POST \(path)")
                return .respond(status: 404)
            }
            state.outstanding = nil
            return .respond(status: 202, text: #"{"status":"OK"}"#)
        }
    }

    /// The body must be exactly `{"errorMessage": String, "errorType": String}` and the type
    /// must match the `Lambda-Runtime-Function-Error-Type` header.
    private static func errorReport(_ request: LocalHTTPServer.RecordedRequest, _ violations: inout [String]) -> LambdaErrorReport? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              Set(object.keys) == ["errorMessage", "errorType"],
              let message = object["errorMessage"] as? String, let type = object["errorType"] as? String else {
            violations.append("error body is not {errorMessage, errorType}: \(String(decoding: request.body, as: UTF8.self))")
            return nil
        }
        if request.headers[RuntimeAPIHeaders.functionErrorType] != type {
            violations.append("error-type header \(request.headers[RuntimeAPIHeaders.functionErrorType] ?? "missing") != body \(type)")
        }
        if request.headers["Content-Type"] != "application/json" {
            violations.append("error content type \(request.headers["Content-Type"] ?? "missing")")
        }
        return LambdaErrorReport(errorType: type, errorMessage: message)
    }
}
