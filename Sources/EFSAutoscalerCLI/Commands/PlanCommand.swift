import ArgumentParser
import Scaling
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler plan`: observe and decide, change nothing (a dry run).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Observe and decide what the autoscaler would do; change nothing.",
        discussion: """
        Counts the files (or reuses a fresh cached count), reads EFS, EC2, ECS and the SSM \
        documents, and prints the plan. Nothing is created, deleted, published or deployed, and \
        the lease is not taken.

        \(AutoscalerEnvironmentHelp.text)
        """)

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Seconds the observation may take.")
    var timeout: Int = 900

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings.fromCommandLine(environment)
        let logger = LoggingBootstrap.bootstrap(settings.logging)
        let autoscaler = try Autoscaler.fromCommandLine(settings: settings, environment: environment, logger: logger)
        let report = await autoscaler.run(runId: "plan-\(UInt32.random(in: 0...UInt32.max))",
                                          deadline: Date().addingTimeInterval(Double(timeout)), dryRun: true)
        print(output.usesJSON ? report.json() : PlanRendering.text(report))
        if !report.succeeded { throw CommandFailure(report.error ?? "the plan failed") }
    }
}

/// The human view of a dry run's report.
enum PlanRendering {
    static func text(_ report: RunReport) -> String {
        var lines: [String] = []
        if let error = report.error { return "Plan failed: \(error)" }
        var countNote = report.count.cached ? " (cached)" : (report.count.complete ? "" : " (incomplete)")
        if let unreadable = report.count.unreadableDirectories, unreadable > 0 {
            countNote += " (at least: \(unreadable) unreadable director\(unreadable == 1 ? "y" : "ies"))"
        }
        lines.append("Files:               \(report.fileCount.map(String.init) ?? "unknown")\(countNote); threshold \(report.threshold)")
        for example in report.count.unreadableExamples { lines.append("  unreadable:        \(example)") }
        lines.append("Mount targets:       \(report.currentMountTargets ?? 0) now, \(report.desiredMountTargets ?? 0) desired")
        if let reason = report.reason { lines.append("Why:                 \(reason)") }
        if let hold = report.hold { lines.append("Holding:             \(hold) [\(hold.code)]") }
        if let pending = report.pending { lines.append("Pending:             \(pending)") }
        if !report.drainHeld.isEmpty { lines.append("Drain held by:       \(report.drainHeld.map(\.rawValue).joined(separator: ", "))") }
        for target in report.protected {
            let why = target.reason == .protectedAZ ? "its AZ is in PROTECTED_AZS" : "not created by this autoscaler"
            lines.append("Protected:           \(target.id) \(target.availabilityZone): \(why)")
        }
        for notice in report.notices { lines.append("Note:                \(notice)") }
        for zone in report.azBackoff {
            lines.append("Backing off:         \(zone.availabilityZone) until \(zone.until) after \(zone.failures) failed create(s): \(zone.lastError)")
        }
        if let backoff = report.deploymentBackoff {
            lines.append("Deployments held:    until \(backoff.until): \(backoff.reason)")
        }
        if report.actions.isEmpty {
            lines.append("Plan:                nothing to do")
        } else {
            lines.append("Plan:")
            for (index, action) in report.actions.enumerated() { lines.append("  \(index + 1). \(action.description)") }
        }
        for drift in report.securityGroupDrift {
            lines.append("Security groups:     \(drift.mountTargetId) (\(drift.availabilityZone)) has "
                + "\(drift.actual.joined(separator: ",")), configured \(drift.expected.joined(separator: ","))"
                + (drift.owned ? "" : "; not created by the autoscaler, so left alone"))
        }
        lines.append("Published list:      " + (report.mountTargets.isEmpty ? "empty" :
            report.mountTargets.map { "\($0.mountTargetId) \($0.availabilityZone) \($0.ipAddress)" }.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
