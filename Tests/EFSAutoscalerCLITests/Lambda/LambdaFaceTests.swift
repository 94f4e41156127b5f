import Foundation
import LambdaRuntime
import Scaling
import Testing
import TestSupport

/// The binary as Lambda runs it: `efs-autoscaler lambda` against a local Runtime API that
/// validates every request, with moto behind it. When the test's queue is empty the Runtime API
/// answers `next` with 500 and the runtime exits (status 1): that is how each test ends.
@Suite(.serialized) struct LambdaFaceTests {
    /// The sample event shipped in lambda/events/, as EventBridge sends it.
    static func scheduledEvent(file: String = #filePath) throws -> String {
        var root = URL(fileURLWithPath: file)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return try String(contentsOf: root.appendingPathComponent("lambda/events/scheduled-event.json"), encoding: .utf8)
    }

    static func responseObject(_ report: LocalRuntimeAPI.Report?) throws -> [String: Any] {
        guard case .response(_, let body)? = report else { throw MotoServerError("expected a response, got \(String(describing: report))") }
        return try jsonObject(String(decoding: body, as: UTF8.self))
    }

    func serve(_ world: BinaryWorld, _ invocations: [LocalRuntimeAPI.QueuedInvocation]) async throws
        -> (api: LocalRuntimeAPI, output: BuiltExecutable.Output, requests: [MotoRequestLogEntry]) {
        let api = try LocalRuntimeAPI(invocations)
        let (output, requests) = try await world.run(["lambda"], ["AWS_LAMBDA_RUNTIME_API": api.endpoint])
        #expect(output.status == 1, "exits when the test's Runtime API has no more invocations: \(output.stderr)")
        #expect(api.violations == [])
        return (api, output, requests)
    }

    /// A scheduled event scales out and the response is the report. Then the published list is
    /// broken by hand: the next invocation fails, and the failure is posted to `/error` (so
    /// Lambda's Errors metric and alarms fire) without changing anything.
    @Test func aScheduledEventScalesOutAndAFailedRunIsPostedToTheErrorEndpoint() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await BinaryWorld.seed(on: moto, files: 1500)
            defer { world.tree.remove() }
            let (api, _, requests) = try await serve(world, [.init(requestId: "req-scheduled", deadline: .after(.seconds(600)),
                                                                   event: try Self.scheduledEvent())])
            #expect(api.reports.count == 1)
            let report = try Self.responseObject(api.reports.first)
            #expect(report["run_id"] as? String == "req-scheduled")
            #expect(report["new_mount_target_created"] as? Bool == true && report["deployment_triggered"] as? Bool == true)
            #expect(report["error"] is NSNull)
            #expect(requests.count("CreateMountTarget") == 1 && requests.count("UpdateService") == 1)
            let grown = try await world.world()
            #expect(grown.mountTargets.count == 2)

            try await world.scenario.putParameter(world.listName, value: #"{"mount_targets":"#)
            let failing = try await serve(world, [.init(requestId: "req-fails", deadline: .after(.seconds(600)))])
            guard case .error(let id, let type, let message)? = failing.api.reports.first, failing.api.reports.count == 1 else {
                Issue.record("expected one error report, got \(failing.api.reports)")
                return
            }
            #expect(id == "req-fails" && type == "Reconcile.Failed")
            #expect(message.contains(world.listName), "\(message)")
            #expect(failing.requests.mutations == [])
            #expect(try await world.world().mountTargets == grown.mountTargets)
        }
    }

    /// The deadline comes while the new mount target is still `creating`: the run records the
    /// pending operation and answers (not an error: nothing is wrong); the next invocation waits
    /// for the same mount target, publishes it and redeploys. One CreateMountTarget in all.
    @Test func aDeadlineTooShortRecordsThePendingOperationAndTheNextInvocationFinishesIt() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await BinaryWorld.seed(on: moto, files: 1500, ["COUNT_CACHE_TTL_SECONDS": "300"])
            defer { world.tree.remove() }
            // A fresh complete count in the state document, as the worker leaves it: a run with
            // seconds left must not walk (a fresh count needs a minute in reserve).
            let state = StateDocument(lastCount: FileCount(files: 1500, complete: true, measuredAt: Date(), durationMs: 40))
            try await world.scenario.putParameter(world.stateName, value: try state.encode(parameter: world.stateName))
            try await moto.setMountTargetCreatingSeconds(4)

            let (api, _, requests) = try await serve(world, [
                .init(requestId: "req-short", deadline: .after(.seconds(8))),
                .init(requestId: "req-next", deadline: .after(.seconds(600))),
            ])
            try #require(api.reports.count == 2, "\(api.reports)")
            let short = try Self.responseObject(api.reports[0])
            #expect(short["error"] is NSNull)
            let pending = try #require(short["pending"] as? [String: Any], "the response says what is pending: \(short)")
            #expect(pending["kind"] as? String == "scale_out")
            let pendingId = try #require(pending["mount_target_id"] as? String)
            let shortActions = try #require(short["actions"] as? [[String: Any]])
            #expect(shortActions.contains { $0["action"] as? String == "wait_available" && $0["status"] as? String == "deadline" }, "\(shortActions)")
            #expect(short["deployment_triggered"] as? Bool == false)

            let next = try Self.responseObject(api.reports[1])
            #expect(next["error"] is NSNull)
            #expect(next["pending"] == nil || next["pending"] is NSNull, "\(next)")
            #expect(next["deployment_triggered"] as? Bool == true)
            #expect(requests.count("CreateMountTarget") == 1 && requests.count("UpdateService") == 1)
            let grown = try await world.world()
            #expect(grown.mountTargets.map(\.mountTargetId).contains(pendingId) && grown.mountTargets.count == 2)
            let published = try #require(grown.parameter(world.listName)?.value)
            #expect(published.contains(pendingId))
        }
    }
}
