import Foundation
import Testing
@testable import Scaling

@Suite struct RunReportTests {
    func sample() -> RunReport {
        var report = RunReport(runId: "r-1", fileSystemId: "fs-0123abcd", threshold: 100_000, dryRun: false)
        report.fileCount = 123_456
        report.thresholdExceeded = true
        report.newMountTargetCreated = true
        report.desiredMountTargets = 2
        report.durationMs = 812
        report.mountTargets = [.init(mountTargetId: "fsmt-1", ipAddress: "10.0.1.10", availabilityZone: "ap-northeast-1a", subnetId: "subnet-1")]
        report.actions = [.init(action: "create_mount_target", description: "create", status: .done),
                          .init(action: "publish", description: "publish", status: .done)]
        return report
    }

    @Test func keepsTheOriginalFieldsAndAddsOurs() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sample().json().utf8)) as? [String: Any])
        #expect(object["file_count"] as? Int == 123_456)
        #expect(object["threshold"] as? Int == 100_000)
        #expect(object["threshold_exceeded"] as? Bool == true)
        #expect(object["new_mount_target_created"] as? Bool == true)
        #expect(object["deployment_triggered"] as? Bool == false)
        #expect(object["error"] is NSNull, "error is present and null, as in the original")
        #expect(object["dry_run"] as? Bool == false)
        #expect(object["duration_ms"] as? Int == 812)
        #expect(object["desired_mount_targets"] as? Int == 2)
        #expect((object["mount_targets"] as? [[String: Any]])?.first?["mount_target_id"] as? String == "fsmt-1")
        #expect((object["actions"] as? [[String: Any]])?.count == 2)
        #expect(object["count"] is [String: Any])
        #expect(object["run_id"] as? String == "r-1")
        #expect(object["pending"] is NSNull)
    }

    @Test func embeddedMetricFormatRecord() throws {
        let line = EmbeddedMetrics.line(for: sample(), timestamp: Date(timeIntervalSince1970: 1_800_000_000.5))
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let aws = try #require(object["_aws"] as? [String: Any])
        #expect(aws["Timestamp"] as? Int == 1_800_000_000_500)
        let directive = try #require((aws["CloudWatchMetrics"] as? [[String: Any]])?.first)
        #expect(directive["Namespace"] as? String == "EFSAutoscaler")
        #expect(directive["Dimensions"] as? [[String]] == [["FileSystemId"]])
        let names = (directive["Metrics"] as? [[String: Any]])?.compactMap { $0["Name"] as? String }
        #expect(names == ["FileCount", "DesiredMountTargets", "AvailableMountTargets", "ScaleActions", "RunDurationMs", "LockLost",
                          "DrainTimedOut", "DeploymentRolledBack"])
        #expect(object["LockLost"] as? Int == 0)
        #expect(object["FileSystemId"] as? String == "fs-0123abcd")
        #expect(object["FileCount"] as? Int == 123_456)
        #expect(object["AvailableMountTargets"] as? Int == 1)
        #expect(object["ScaleActions"] as? Int == 1)
        #expect(object["RunDurationMs"] as? Int == 812)
    }

    @Test func unknownFiguresAreLeftOutNotZero() throws {
        var report = sample()
        report.fileCount = nil
        report.desiredMountTargets = nil
        let object = try #require(try JSONSerialization.jsonObject(with: Data(EmbeddedMetrics.line(for: report, timestamp: Date()).utf8))
            as? [String: Any])
        #expect(object["FileCount"] == nil && object["DesiredMountTargets"] == nil)
    }
}
