import Foundation
import Testing
@testable import Scaling

/// What issue 16 makes visible: protected mount targets, drains held by reason and timed out,
/// unreadable directories, in the report JSON and in the EMF records.
@Suite struct DrainReportTests {
    func report() -> RunReport {
        var report = RunReport(runId: "r-1", fileSystemId: "fs-0123abcd", threshold: 100_000, dryRun: false)
        report.desiredMountTargets = 2
        report.count = .init(.counted(FileCount(files: 10, complete: true, measuredAt: Date(timeIntervalSince1970: 1_800_000_000),
                                                durationMs: 5, unreadableDirectories: 3,
                                                unreadableExamples: ["/mnt/efs/a: Permission denied", "/mnt/efs/b: Stale file handle"]),
                                      cached: false))
        report.protected = [ProtectedMountTarget(id: "fsmt-0a", availabilityZone: "us-east-1a", reason: .notOwned),
                            ProtectedMountTarget(id: "fsmt-0d", availabilityZone: "us-east-1d", reason: .protectedAZ)]
        report.drainHeld = [.clusterTasks, .unknownZone]
        report.drainTimedOut = true
        return report
    }

    func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func theReportSaysWhatIsProtectedWhatHoldsTheDrainAndWhatWasNotRead() throws {
        let json = try object(report().json())
        let protected = try #require(json["protected"] as? [[String: String]])
        #expect(protected == [["id": "fsmt-0a", "az": "us-east-1a", "reason": "not_created_by_autoscaler"],
                              ["id": "fsmt-0d", "az": "us-east-1d", "reason": "protected_az"]])
        #expect(json["drain_held"] as? [String] == ["cluster_tasks", "unknown_zone"])
        #expect(json["drain_timed_out"] as? Bool == true)
        let count = try #require(json["count"] as? [String: Any])
        #expect(count["unreadable_directories"] as? Int == 3)
        #expect(count["unreadable_examples"] as? [String] == ["/mnt/efs/a: Permission denied", "/mnt/efs/b: Stale file handle"])
    }

    @Test func metricsCountUnreadableDirectoriesTimeoutsAndHeldDrainsByReason() throws {
        let lines = EmbeddedMetrics.lines(for: report(), timestamp: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(lines.count == 3)
        let main = try object(lines[0])
        #expect(main["UnreadableDirectories"] as? Int == 3)
        #expect(main["DrainTimedOut"] as? Int == 1)
        for (line, reason) in zip(lines.dropFirst(), ["cluster_tasks", "unknown_zone"]) {
            let record = try object(line)
            let directive = try #require(((record["_aws"] as? [String: Any])?["CloudWatchMetrics"] as? [[String: Any]])?.first)
            #expect(directive["Dimensions"] as? [[String]] == [["FileSystemId", "Reason"]])
            #expect((directive["Metrics"] as? [[String: String]])?.map { $0["Name"] } == ["DrainsHeld"])
            #expect(record["Reason"] as? String == reason && record["DrainsHeld"] as? Int == 1)
            #expect(record["FileSystemId"] as? String == "fs-0123abcd")
        }
        // No count, no figure (never a 0 an alarm would misread); no plan, no DrainTimedOut.
        let quiet = try object(EmbeddedMetrics.line(for: RunReport(runId: "r", fileSystemId: "fs-1", threshold: 1, dryRun: false),
                                                    timestamp: Date()))
        #expect(quiet["UnreadableDirectories"] == nil && quiet["DrainTimedOut"] == nil)
    }
}
