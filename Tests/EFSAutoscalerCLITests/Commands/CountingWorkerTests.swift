import Foundation
import Testing
import TestSupport

/// One mutator per file system: `worker --count-only` counts the tree and stores the count in
/// the lock item, changing nothing else; the deciding run then uses that count without walking.
@Suite(.serialized) struct CountingWorkerTests {
    @Test func theCountingWorkerFeedsTheDecidingRun() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await BinaryWorld.seed(on: moto, files: 1500)
            defer { world.tree.remove() }
            try await moto.clearRequestLog()

            let process = Process()
            process.executableURL = world.binary.url
            process.arguments = ["worker", "--count-only", "--interval", "1s"]
            process.environment = BuiltExecutable.environment(world.environment)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            var stored: String?
            let end = ContinuousClock.now + .seconds(30)
            while stored == nil, process.isRunning, ContinuousClock.now < end {
                try await Task.sleep(for: .milliseconds(200))
                stored = try await world.world().lock?.lastCount
            }
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let count = try #require(stored, "the worker stored a count")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(count.utf8)) as? [String: Any])
            #expect(json["files"] as? Int == 1500 && json["complete"] as? Bool == true)
            let requests = try await moto.requestLog()
            #expect(Set(requests.mutations) == ["UpdateItem"], "the counting worker writes only the count: \(requests.mutations)")
            let world2 = try await world.world()
            #expect(world2.lock?.owner == nil && world2.lock?.state == nil, "it never takes the lock nor writes the state")

            // The deciding run: the tree is now empty, but the stored count is fresh.
            world.tree.remove()
            try FileManager.default.createDirectory(atPath: world.tree.root + "/data", withIntermediateDirectories: true)
            let invoke = try await world.run(["invoke"], ["COUNT_CACHE_TTL_SECONDS": "300"])
            #expect(invoke.output.status == 0, "\(invoke.output.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(invoke.output.stdout.utf8)) as? [String: Any])
            #expect(report["count_source"] as? String == "cached")
            #expect(report["file_count"] as? Int == 1500)
            #expect(report["new_mount_target_created"] as? Bool == true)
        }
    }

    @Test func theCountingWorkerNeedsTheLockTable() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await BinaryWorld.seed(on: moto, files: 1)
            defer { world.tree.remove() }
            var environment = world.environment
            environment["LOCK_TABLE_NAME"] = nil
            let output = try await world.binary.run(["worker", "--count-only"], environment: environment, limit: .seconds(30))
            #expect(output.status != 0)
            #expect(output.stderr.contains("LOCK_TABLE_NAME"), "\(output.stderr)")
        }
    }
}
