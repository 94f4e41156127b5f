import AWSCore
import Foundation
import LambdaRuntime
import Logging
import Synchronization
import Testing
import TestSupport

/// The whole loop against a real HTTP Runtime API on 127.0.0.1 that validates every request.
@Suite(.serialized) struct LambdaRuntimeLoopTests {
    struct Failure: LambdaReportableError, CustomStringConvertible {
        var lambdaErrorType: String { "Reconcile.Failed" }
        var description: String { "EFS DescribeMountTargets failed: throttled" }
    }

    /// Counts constructions and calls; a handler that reaches `handle` would be where AWS calls happen.
    final class Probe: Sendable {
        let constructions = Atomic(0)
        let calls = Atomic(0)
        let contexts = Mutex<[LambdaContext]>([])
        let traceIds = Mutex<[String?]>([])
    }

    struct ProbeHandling: InvocationHandling {
        let probe: Probe
        let respond: @Sendable (LambdaEvent, LambdaContext) async throws -> [UInt8]

        init(probe: Probe, respond: @escaping @Sendable (LambdaEvent, LambdaContext) async throws -> [UInt8]) {
            probe.constructions.add(1, ordering: .relaxed)
            self.probe = probe
            self.respond = respond
        }

        func handle(_ event: LambdaEvent, context: LambdaContext) async throws -> [UInt8] {
            probe.calls.add(1, ordering: .relaxed)
            probe.contexts.withLock { $0.append(context) }
            probe.traceIds.withLock { $0.append(ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"]) }
            return try await respond(event, context)
        }
    }

    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func run(_ api: LocalRuntimeAPI, invocations: Int, probe: Probe,
             respond: @escaping @Sendable (LambdaEvent, LambdaContext) async throws -> [UInt8]) async throws -> LambdaRuntimeExit {
        let loop = LambdaRuntimeLoop(controlPlane: try api.client(), logger: Self.logger, maxInvocations: invocations)
        return await loop.run { EventDecodingHandler(ProbeHandling(probe: probe, respond: respond)) }
    }

    @Test func aSuccessfulInvocationPostsTheResponse() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-1", event: #"{"dry_run": true, "action": "plan"}"#)])
        let probe = Probe()
        let exit = try await run(api, invocations: 1, probe: probe) { event, _ in
            Array(#"{"action":"\#(event.action.rawValue)","dry_run":\#(event.dryRun!)}"#.utf8)
        }
        #expect(exit == .completed(invocations: 1))
        #expect(api.reports == [.response(requestId: "req-1", body: Array(#"{"action":"plan","dry_run":true}"#.utf8))])
        #expect(api.violations == [])
        #expect(exit.exitCode == 0)
    }

    @Test func aHandlerErrorIsPostedToTheErrorEndpoint() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-err")])
        let exit = try await run(api, invocations: 1, probe: Probe()) { _, _ in throw Failure() }
        #expect(exit == .completed(invocations: 1))
        #expect(api.reports == [.error(requestId: "req-err", errorType: "Reconcile.Failed", errorMessage: "EFS DescribeMountTargets failed: throttled")])
        #expect(api.violations == [])
    }

    @Test func anInvalidConfigurationIsPostedAsAnInitErrorAndNothingIsServed() async throws {
        struct BadConfiguration: LambdaReportableError, CustomStringConvertible {
            var lambdaErrorType: String { "Configuration.InvalidVariable" }
            var description: String { "FILE_COUNT_THRESHOLD='abc': expected a positive integer" }
        }
        let api = try LocalRuntimeAPI([.init(requestId: "never")])
        let loop = LambdaRuntimeLoop(controlPlane: try api.client(), logger: Self.logger)
        let exit = await loop.run { () throws -> EventDecodingHandler<ProbeHandling> in throw BadConfiguration() }
        #expect(exit == .initializationFailed(LambdaErrorReport(errorType: "Configuration.InvalidVariable", errorMessage: "FILE_COUNT_THRESHOLD='abc': expected a positive integer")))
        #expect(exit.exitCode != 0)
        #expect(api.reports == [.initError(errorType: "Configuration.InvalidVariable", errorMessage: "FILE_COUNT_THRESHOLD='abc': expected a positive integer")])
        #expect(api.nextCalls == 0)
        #expect(api.violations == [])
    }

    @Test(arguments: [
        (#"{"dry_run": "yes"}"#, "field 'dry_run' must be true or false, got \"yes\""),
        (#"{"action": "delete-everything"}"#, "field 'action' must be one of reconcile, plan, doctor"),
        (#"{"dryrun": true}"#, "field 'dryrun' is not a known field"),
        (#"{"dry_run": tru"#, "not valid JSON"),
        ("[1, 2]", "must be a JSON object, got an array"),
    ])
    func aMalformedEventIsRejectedBeforeTheHandlerRuns(event: String, expected: String) async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-bad", event: event)])
        let probe = Probe()
        let exit = try await run(api, invocations: 1, probe: probe) { _, _ in Array("{}".utf8) }
        #expect(exit == .completed(invocations: 1))
        let report = try #require(api.reports.first)
        guard case .error("req-bad", "InvalidEvent", let message) = report else {
            Issue.record("expected an InvalidEvent error, got \(report)")
            return
        }
        #expect(message.contains(expected), "\(message)")
        #expect(probe.calls.load(ordering: .relaxed) == 0)
        #expect(api.violations == [])
    }

    @Test func theHandlerSeesTheDeadlineTraceIdAndARNFromTheHeaders() async throws {
        // A deadline already too short to do anything: the handler must see exactly that value.
        let deadline = InvocationDeadline.after(.milliseconds(30))
        var queued = LocalRuntimeAPI.QueuedInvocation(requestId: "req-short", deadline: deadline)
        queued.clientContext = "eyJjdXN0b20iOnt9fQ=="
        let api = try LocalRuntimeAPI([queued])
        let probe = Probe()
        let exit = try await run(api, invocations: 1, probe: probe) { _, context in
            try await Task.sleep(for: .milliseconds(60))
            return Array(#"{"deadline_passed":\#(context.deadline.hasPassed())}"#.utf8)
        }
        #expect(exit == .completed(invocations: 1))
        let context = try #require(probe.contexts.withLock { $0.first })
        #expect(context.deadline == deadline)
        #expect(context.requestId == "req-short")
        #expect(context.invokedFunctionARN == queued.functionARN)
        #expect(context.traceId == queued.traceId)
        #expect(context.clientContext == "eyJjdXN0b20iOnt9fQ==")
        #expect(probe.traceIds.withLock { $0 } == [queued.traceId])
        #expect(api.reports == [.response(requestId: "req-short", body: Array(#"{"deadline_passed":true}"#.utf8))])
        #expect(api.violations == [])
    }

    @Test func warmInvocationsReuseTheHandler() async throws {
        var second = LocalRuntimeAPI.QueuedInvocation(requestId: "req-b", event: #"{"source":"aws.events","detail-type":"Scheduled Event","detail":{}}"#)
        second.traceId = nil
        let api = try LocalRuntimeAPI([.init(requestId: "req-a"), second])
        let probe = Probe()
        let exit = try await run(api, invocations: 2, probe: probe) { event, context in
            Array("\(context.requestId):\(event.trigger)".utf8)
        }
        #expect(exit == .completed(invocations: 2))
        #expect(probe.constructions.load(ordering: .relaxed) == 1)
        #expect(probe.calls.load(ordering: .relaxed) == 2)
        #expect(api.reports == [.response(requestId: "req-a", body: Array("req-a:direct".utf8)),
                                .response(requestId: "req-b", body: Array("req-b:schedule(source: \"aws.events\")".utf8))])
        // The second invocation has no trace header: the first one's must not leak into it.
        #expect(probe.traceIds.withLock { $0 }.last == .some(nil))
        #expect(api.violations == [])
    }

    @Test func aResponseOverSixMegabytesIsReportedAsAnError() async throws {
        let limit = LambdaRuntimeLoop<RuntimeAPIClient>.responseLimit
        #expect(limit == 6 * 1024 * 1024)
        let api = try LocalRuntimeAPI([.init(requestId: "req-fits"), .init(requestId: "req-big")])
        let exit = try await run(api, invocations: 2, probe: Probe()) { _, context in
            [UInt8](repeating: UInt8(ascii: "x"), count: context.requestId == "req-fits" ? limit : limit + 1)
        }
        #expect(exit == .completed(invocations: 2))
        let reports = api.reports
        try #require(reports.count == 2)
        #expect(reports[0] == .response(requestId: "req-fits", body: [UInt8](repeating: UInt8(ascii: "x"), count: limit)))
        #expect(reports[1] == .error(requestId: "req-big", errorType: "Runtime.ResponseTooLarge",
                                     errorMessage: "the response is \(limit + 1) bytes, over Lambda's limit of \(limit) bytes"))
        #expect(api.violations == [])
    }

    @Test func theLoopEndsWhenTheRuntimeAPIFails() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-1")])
        let loop = LambdaRuntimeLoop(controlPlane: try api.client(), logger: Self.logger)
        let exit = await loop.run { EventDecodingHandler(ProbeHandling(probe: Probe()) { _, _ in Array("{}".utf8) }) }
        guard case .runtimeAPIFailed(let message, invocations: 1) = exit else {
            Issue.record("expected a Runtime API failure after one invocation, got \(exit)")
            return
        }
        #expect(message.contains("answered 500") && message.contains("Test.Exhausted"))
        #expect(exit.exitCode != 0)
        #expect(api.violations == [])
    }

    @Test func anInvocationWithoutADeadlineHeaderStopsTheLoop() async throws {
        var queued = LocalRuntimeAPI.QueuedInvocation(requestId: "req-1")
        queued.deadlineMilliseconds = "soon"
        let api = try LocalRuntimeAPI([queued])
        let probe = Probe()
        let exit = try await run(api, invocations: 1, probe: probe) { _, _ in [] }
        guard case .runtimeAPIFailed(let message, invocations: 0) = exit else {
            Issue.record("expected a Runtime API failure, got \(exit)")
            return
        }
        #expect(message.contains("Lambda-Runtime-Deadline-Ms is not an integer: soon"))
        #expect(probe.calls.load(ordering: .relaxed) == 0)
    }
}

extension LambdaRuntimeLoopTests {
    /// A `next` that outlives its timeout (a long freeze) is asked again, not treated as a failure.
    @Test func aTimedOutNextIsRetried() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-after-freeze")], hangingNextCalls: 1)
        let loop = LambdaRuntimeLoop(controlPlane: try api.client(nextTimeouts: HTTPTimeouts(connect: 1, total: 0.3)),
                                     logger: Self.logger, maxInvocations: 1)
        let exit = await loop.run { EventDecodingHandler(ProbeHandling(probe: Probe()) { _, _ in Array("{}".utf8) }) }
        #expect(exit == .completed(invocations: 1))
        #expect(api.nextCalls == 2)
        #expect(api.reports == [.response(requestId: "req-after-freeze", body: Array("{}".utf8))])
        #expect(api.violations == [])
    }
}
