import Foundation
import Testing
import TestSupport

/// Issue 16 §3, honest counts: an unreadable directory leaves the count a lower bound, so it may
/// justify growth, never a scale-in. Root reads through permissions, so the binary runs as
/// `nobody` (setpriv/runuser) on a real tree with a mode-000 directory.
@Suite(.serialized, .enabled(if: Unprivileged.launcher().command != nil, "needs root with a 'nobody' user, or an unprivileged user"))
struct UnreadableCountTests {
    static let launcher = Unprivileged.launcher().command ?? []

    /// A tree nobody may walk: 10 readable files, and `locked` (mode 000) holding 2000 more.
    static func tree() throws -> FileTree {
        let tree = try FileTree(prefix: "unreadable-cli")
        try tree.directory("open")
        try tree.files(count: 10, in: "open")
        try tree.directory("locked")
        try tree.files(count: 2000, in: "locked")
        try tree.chmod("", 0o755)
        try tree.chmod("open", 0o755)
        try tree.chmod("locked", 0o000)
        return tree
    }

    @Test func countJSONReportsTheUnreadableDirectoryWithItsPath() async throws {
        let tree = try Self.tree()
        defer { try? tree.chmod("locked", 0o755); tree.remove() }
        let output = try await BuiltExecutable().run(["count", "--json", tree.root], launcher: Self.launcher)
        let result = try jsonObject(output.stdout)
        #expect(result["files"] as? Int == 10, "\(output.stdout) \(output.stderr)")
        #expect(result["unreadable_directories"] as? Int == 1)
        #expect((result["unreadable_examples"] as? [String])?.first?.hasPrefix(tree.path("locked")) == true, "\(result)")
    }

    /// Fails before issue 16: the walker's unreadable count never reached the planner, so the
    /// 10 readable files (of 2010) read as a complete count and `plan` started a scale-in.
    @Test func planNeverScalesInFromACountWithAnUnreadableDirectory() async throws {
        try await MotoServer.exclusive { moto in
            var world = try await BinaryWorld.seed(on: moto, files: 0)
            let tree = try Self.tree()
            defer { try? tree.chmod("locked", 0o755); tree.remove(); world.tree.remove() }
            world.environment["TARGET_DIRECTORY"] = tree.root
            // As root the walk reads all 2010 files: above the threshold, the autoscaler grows and
            // owns the second mount target (the only kind a scale-in may take).
            let grow = try await world.run(["invoke"])
            #expect(grow.output.status == 0 && grow.requests.count("CreateMountTarget") == 1, "\(grow.output.stdout)")

            let shrink = ["SCALE_IN_THRESHOLD": "100", "SCALE_IN_STABILIZATION_SECONDS": "0", "SCALE_OUT_COOLDOWN_SECONDS": "0"]
            try await moto.clearRequestLog()
            let output = try await world.binary.run(["plan"], environment: world.environment.merging(shrink) { _, new in new },
                                                    launcher: Self.launcher)
            #expect(output.status == 0, "\(output.stderr)")
            let report = try jsonObject(output.stdout)
            let count = try #require(report["count"] as? [String: Any])
            #expect(count["files"] as? Int == 10)
            #expect(count["unreadable_directories"] as? Int == 1, "\(count)")
            #expect((count["unreadable_examples"] as? [String])?.first?.hasPrefix(tree.path("locked")) == true, "\(count)")
            let actions = try #require(report["actions"] as? [[String: Any]])
            #expect(actions.isEmpty, "no scale-in from a lower bound: \(actions)")
            #expect((report["hold_reason"] as? String)?.contains("unreadable") == true, "\(report["hold_reason"] ?? "no hold reason")")

            // Control: the same world with the directory readable (and emptied) does scale in, so
            // only the unreadable directory held it.
            try tree.chmod("locked", 0o755)
            for index in 0..<2000 { try? FileManager.default.removeItem(atPath: tree.path("locked/f\(index)")) }
            let readable = try await world.binary.run(["plan"], environment: world.environment.merging(shrink) { _, new in new },
                                                      launcher: Self.launcher)
            let control = try jsonObject(readable.stdout)
            let planned = try #require(control["actions"] as? [[String: Any]])
            #expect(planned.contains { $0["action"] as? String == "update_service" }, "the control scales in: \(readable.stdout)")
        }
    }
}
