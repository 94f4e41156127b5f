import Foundation
import Testing
import TestSupport

/// `plan`, `invoke` and `route` of the built binary against moto, in the order an operator would
/// try them on one deployment: look first, act, then route by the published list.
@Suite(.serialized) struct InvokePlanRouteTests {
    @Test func planChangesNothingInvokeScalesOutRouteReadsThePublishedList() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await BinaryWorld.seed(on: moto, files: 1500)
            defer { world.tree.remove() }
            let before = try await world.world()

            // plan: observe and decide; not a single mutating call, not even the lease. Standard
            // output is a pipe, so it prints JSON without being asked.
            let plan = try await world.run(["plan"])
            #expect(plan.output.status == 0, "\(plan.output.stderr)")
            #expect(plan.requests.mutations == [])
            let planned = try jsonObject(plan.output.stdout)
            #expect(planned["dry_run"] as? Bool == true)
            let actions = try #require(planned["actions"] as? [[String: Any]])
            #expect(actions.contains { $0["action"] as? String == "create_mount_target" })
            #expect(actions.allSatisfy { $0["status"] as? String == "planned" }, "\(actions)")
            #expect(try await world.world().mountTargets == before.mountTargets)

            // invoke: one handler run, the report on stdout, exit 0.
            let invoke = try await world.run(["invoke"])
            #expect(invoke.output.status == 0, "\(invoke.output.stderr)")
            let report = try jsonObject(invoke.output.stdout)
            #expect(report["file_count"] as? Int == 1500)
            #expect(report["threshold"] as? Int == BinaryWorld.threshold)
            #expect(report["threshold_exceeded"] as? Bool == true)
            #expect(report["new_mount_target_created"] as? Bool == true)
            #expect(report["deployment_triggered"] as? Bool == true)
            #expect(report.keys.contains("error") && report["error"] is NSNull)
            #expect(invoke.requests.count("CreateMountTarget") == 1 && invoke.requests.count("UpdateService") == 1)
            let grown = try await world.world()
            #expect(grown.mountTargets.count == 2)
            let published = try #require(grown.parameter(world.listName)).value
            let publishedIds = try #require((try jsonObject(published)["mount_targets"] as? [[String: Any]])?
                .compactMap { $0["mount_target_id"] as? String })
            #expect(Set(publishedIds) == Set(grown.mountTargets.map(\.mountTargetId)))
            // Logs go to stderr, one JSON object per line; each step's line carries the run id.
            let logs = invoke.output.stderr.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(!logs.isEmpty && logs.count == invoke.output.stderr.split(separator: "\n").count)
            let steps = logs.filter { $0["message"] as? String == "step" }
            #expect(steps.count == (report["actions"] as? [Any])?.count)
            #expect(steps.allSatisfy { $0["run_id"] as? String == report["run_id"] as? String })

            // route: the list comes from SSM; the same path goes to the same published target.
            var chosen: [String] = []
            for flags in [["--json"], []] {
                let route = try await world.run(["route", "/data/projects/42/report.csv"] + flags)
                #expect(route.output.status == 0, "\(route.output.stderr)")
                #expect(route.requests.map(\.operation) == ["GetParameter"] && route.requests.first?.parameterName == world.listName)
                let target = try #require(try jsonObject(route.output.stdout)["mount_target"] as? [String: Any])
                chosen.append(try #require(target["mount_target_id"] as? String))
            }
            #expect(chosen.count == 2 && chosen[0] == chosen[1])
            #expect(publishedIds.contains(chosen[0]))

            // A malformed event: a clear error naming the field, exit non-zero, no AWS call at all.
            let badEvent = try await world.run(["invoke", "--event", "-"], stdin: Data(#"{"dry_run": "yes"}"#.utf8))
            #expect(badEvent.output.status != 0)
            #expect(badEvent.output.stderr.contains("dry_run"), "\(badEvent.output.stderr)")
            #expect(badEvent.requests == [])

            // A failed run: the report is still printed, the exit status says it failed.
            try await world.scenario.putParameter(world.listName, value: "[not a list")
            let failed = try await world.run(["invoke"])
            #expect(failed.output.status != 0)
            let failure = try jsonObject(failed.output.stdout)
            let error = try #require(failure["error"] as? String)
            #expect(error.contains(world.listName), "\(error)")
            #expect(failed.output.stderr.contains(world.listName))
            #expect(failed.requests.mutations == [])
        }
    }
}
