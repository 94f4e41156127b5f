#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// CloudWatch embedded metric format: one JSON log line that CloudWatch Logs turns into metrics
/// (FileCount, DesiredMountTargets, AvailableMountTargets, ScaleActions, RunDurationMs,
/// LockLost) with the
/// dimension FileSystemId, so dashboards and alarms need no PutMetricData permission.
public enum EmbeddedMetrics {
    public static let defaultNamespace = "EFSAutoscaler"

    /// The record for one run. Figures that are unknown (no count, no plan) are left out rather
    /// than reported as zero, which an alarm would misread.
    public static func line(for report: RunReport, timestamp: Date, namespace: String = defaultNamespace) -> String {
        var metrics: [(name: String, unit: String, value: Int)] = []
        if let files = report.fileCount { metrics.append(("FileCount", "Count", files)) }
        if let desired = report.desiredMountTargets { metrics.append(("DesiredMountTargets", "Count", desired)) }
        metrics.append(("AvailableMountTargets", "Count", report.mountTargets.count))
        metrics.append(("ScaleActions", "Count", report.scaleActions))
        metrics.append(("RunDurationMs", "Milliseconds", report.durationMs))
        metrics.append(("LockLost", "Count", report.lockLost ? 1 : 0))

        let definitions = metrics.map { "{\"Name\":\"\($0.name)\",\"Unit\":\"\($0.unit)\"}" }.joined(separator: ",")
        let values = metrics.map { ",\"\($0.name)\":\($0.value)" }.joined()
        let millis = Int64((timestamp.timeIntervalSince1970 * 1000).rounded())
        return "{\"_aws\":{\"Timestamp\":\(millis),\"CloudWatchMetrics\":[{\"Namespace\":\(DocumentCoding.quote(namespace)),"
            + "\"Dimensions\":[[\"FileSystemId\"]],\"Metrics\":[\(definitions)]}]},"
            + "\"FileSystemId\":\(DocumentCoding.quote(report.fileSystemId)),\"run_id\":\(DocumentCoding.quote(report.runId))"
            + values + "}"
    }
}
