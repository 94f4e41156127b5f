import Foundation
import Testing
@testable import EFSAutoscalerCLI
@testable import Scaling

/// `plan` on a terminal says which mount targets are protected and why, what holds a drain, and
/// that a count with unreadable directories is only a lower bound.
@Suite struct PlanRenderingTests {
    @Test func protectedMountTargetsHeldDrainsAndUnreadableDirectoriesAreShown() {
        var report = RunReport(runId: "r", fileSystemId: "fs-1", threshold: 1000, dryRun: true)
        report.fileCount = 10
        report.count = .init(.counted(FileCount(files: 10, complete: true, measuredAt: Date(), durationMs: 1, unreadableDirectories: 1,
                                                unreadableExamples: ["/mnt/efs/private: Permission denied"]), cached: false))
        report.protected = [ProtectedMountTarget(id: "fsmt-tf", availabilityZone: "us-east-1a", reason: .protectedAZ),
                            ProtectedMountTarget(id: "fsmt-old", availabilityZone: "us-east-1b", reason: .notOwned)]
        report.drainHeld = [.clusterTasks]
        let text = PlanRendering.text(report)
        #expect(text.contains("10 (at least: 1 unreadable directory)"))
        #expect(text.contains("/mnt/efs/private: Permission denied"))
        #expect(text.contains("Protected:           fsmt-tf us-east-1a: its AZ is in PROTECTED_AZS"))
        #expect(text.contains("Protected:           fsmt-old us-east-1b: not created by this autoscaler"))
        #expect(text.contains("Drain held by:       cluster_tasks"))
    }
}
