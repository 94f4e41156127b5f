#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// CloudWatch embedded metric format: JSON log lines that CloudWatch Logs turns into metrics
/// (FileCount, DesiredMountTargets, AvailableMountTargets, ScaleActions, RunDurationMs,
/// LockLost, UnreadableDirectories, DrainTimedOut, PendingOperationAgeSeconds, DeploymentRolledBack)
/// with the dimension FileSystemId, plus one `Holds` record when the plan held (dimensions
/// FileSystemId and Reason, the hold's stable code) and one `DrainsHeld` record per reason a drain
/// was held (dimensions FileSystemId and Reason), so dashboards and alarms need no PutMetricData
/// permission and a stuck drain or scale-out can page someone.
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
        if let unreadable = report.count.unreadableDirectories { metrics.append(("UnreadableDirectories", "Count", unreadable)) }
        // Known whenever the run planned: 0 is data here (no drain timed out).
        if report.desiredMountTargets != nil { metrics.append(("DrainTimedOut", "Count", report.drainTimedOut ? 1 : 0)) }
        // Alarm on it above SCALE_OUT_TIMEOUT_SECONDS: a pending operation that does not finish.
        if let age = report.pendingOperationAgeSeconds { metrics.append(("PendingOperationAgeSeconds", "Seconds", age)) }
        // 1 while a deployment the autoscaler forced failed or was rolled back and none is re-forced.
        if report.desiredMountTargets != nil { metrics.append(("DeploymentRolledBack", "Count", report.deploymentBackoff == nil ? 0 : 1)) }

        return record(metrics, dimensions: [], report: report, timestamp: timestamp, namespace: namespace)
    }

    /// Every record for one run: `line(for:)`, a `Holds` record when the plan held, then one
    /// `DrainsHeld` record per held reason.
    public static func lines(for report: RunReport, timestamp: Date, namespace: String = defaultNamespace) -> [String] {
        let holds = [report.hold].compactMap { $0 }.map { hold in
            record([("Holds", "Count", 1)], dimensions: [("Reason", hold.code)], report: report,
                   timestamp: timestamp, namespace: namespace)
        }
        return [line(for: report, timestamp: timestamp, namespace: namespace)] + holds + report.drainHeld.map { hold in
            record([("DrainsHeld", "Count", 1)], dimensions: [("Reason", hold.rawValue)], report: report,
                   timestamp: timestamp, namespace: namespace)
        }
    }

    private static func record(_ metrics: [(name: String, unit: String, value: Int)], dimensions: [(String, String)],
                               report: RunReport, timestamp: Date, namespace: String) -> String {
        let definitions = metrics.map { "{\"Name\":\"\($0.name)\",\"Unit\":\"\($0.unit)\"}" }.joined(separator: ",")
        let values = metrics.map { ",\"\($0.name)\":\($0.value)" }.joined()
        let millis = Int64((timestamp.timeIntervalSince1970 * 1000).rounded())
        let dimensionNames = (["FileSystemId"] + dimensions.map(\.0)).map(DocumentCoding.quote).joined(separator: ",")
        let dimensionValues = dimensions.map { ",\(DocumentCoding.quote($0.0)):\(DocumentCoding.quote($0.1))" }.joined()
        return "{\"_aws\":{\"Timestamp\":\(millis),\"CloudWatchMetrics\":[{\"Namespace\":\(DocumentCoding.quote(namespace)),"
            + "\"Dimensions\":[[\(dimensionNames)]],\"Metrics\":[\(definitions)]}]},"
            + "\"FileSystemId\":\(DocumentCoding.quote(report.fileSystemId)),\"run_id\":\(DocumentCoding.quote(report.runId))"
            + dimensionValues + values + "}"
    }
}
