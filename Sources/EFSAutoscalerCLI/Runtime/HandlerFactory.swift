import AWSCore
import LambdaRuntime
import WorkerRuntime
import Logging
import Scaling
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

// Where the reconcile is plugged into the runtimes. Everything expensive is built once here
// (see `Autoscaler`) and lives for the whole process.

/// Builds the Lambda handler once per execution environment. Throwing here (invalid
/// configuration) is posted to the Runtime API's `init/error` and the process exits non-zero.
func makeLambdaHandler(settings: Settings, environment: [String: String], logger: Logger) throws -> some LambdaHandler {
    let autoscaler = try Autoscaler(settings: settings, environment: environment, logger: logger)
    return EventDecodingHandler(ClosureInvocationHandler { event, context in
        return try await EventDispatch.handle(event, autoscaler: autoscaler, runId: context.requestId,
                                              deadline: context.deadline.date, logger: context.logger, metrics: true)
    })
}

/// What one event asks for, shared by the Lambda face and `invoke`, so a local run is exactly
/// a Lambda invocation.
enum EventDispatch {
    /// Returns the response body (the run report or the doctor report as JSON).
    /// - Throws: `ReconcileFailed` or `DoctorFailed`, which carry the report.
    static func handle(_ event: LambdaEvent, autoscaler: Autoscaler, runId: String, deadline: Date,
                       logger: Logger, metrics: Bool) async throws -> [UInt8] {
        switch event.action {
        case .doctor:
            let report = await DoctorRunner.report(settings: .success(autoscaler.settings), environment: autoscaler.environment,
                                                   transport: autoscaler.client.transport, logger: logger)
            let json = try DoctorRendering.json(report)
            guard report.passed else { throw DoctorFailed(json: json) }
            return Array(json.utf8)
        case .reconcile, .plan:
            let dryRun: Bool? = event.action == .plan ? true : event.dryRun
            let report = await autoscaler.run(runId: runId, deadline: deadline, dryRun: dryRun)
            if metrics { MetricsOutput.emit(report) }
            guard report.succeeded else { throw ReconcileFailed(report: report) }
            return Array(report.json().utf8)
        }
    }
}

/// Builds the worker's run once; it is called every interval with a deadline and a stop signal.
func makeWorkerRun(settings: Settings, environment: [String: String], logger: Logger) throws -> WorkerRun {
    let autoscaler = try Autoscaler.fromCommandLine(settings: settings, environment: environment, logger: logger)
    let host = environment["HOSTNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "worker"
    return { context in
        let report = await autoscaler.run(runId: "\(host)-\(context.iteration)-\(UInt32.random(in: 0...UInt32.max))",
                                          deadline: context.deadline.date,
                                          stopRequested: { context.stop.isRequested })
        MetricsOutput.emit(report)
        if report.succeeded {
            return .succeeded(summary: report.skipped ?? report.reason ?? "ok")
        }
        return .failed(error: report.error ?? "unknown error")
    }
}

/// The counting worker (`worker --count-only`): walks the tree every interval and stores the
/// count in the lock item, outside the lock, so the deciding face reuses it instead of walking.
func makeCountingWorkerRun(settings: Settings, environment: [String: String], logger: Logger) throws -> WorkerRun {
    let autoscaler = try Autoscaler.fromCommandLine(settings: settings, environment: environment, logger: logger)
    guard let store = autoscaler.lockStore else {
        throw CommandFailure("invalid configuration: LOCK_TABLE_NAME: not set; allowed: the lock table the counted file count is stored in (worker --count-only needs it)")
    }
    return { context in
        do {
            try TargetDirectoryCheck.verify(autoscaler.configuration.targetDirectory)
            let count = try await autoscaler.counter.count(deadline: context.deadline.date)
            guard count.complete else {
                return .failed(error: "the count did not finish before the deadline (\(count.files) files so far); nothing stored")
            }
            try await store.recordCount(count)
            logger.info("count stored", metadata: ["files": "\(count.files)", "duration_ms": "\(count.durationMs)",
                                                   "lock": "\(store.location)"])
            return .succeeded(summary: "\(count.files) files counted in \(count.durationMs) ms and stored")
        } catch {
            return .failed(error: String(describing: error))
        }
    }
}

extension ReconcileFailed: LambdaReportableError {
    var lambdaErrorType: String { "Reconcile.Failed" }
}

/// `doctor` run as a Lambda event found a failing check; the message is the whole report.
struct DoctorFailed: LambdaReportableError, CustomStringConvertible {
    var json: String
    var lambdaErrorType: String { "Doctor.Failed" }
    var description: String { json }
}

/// CloudWatch embedded-metric-format records go to standard output, one JSON object per line,
/// where Lambda and the awslogs driver pick them up as metrics.
enum MetricsOutput {
    static func emit(_ report: RunReport) {
        // One write(2) per record, so lines from concurrent writers never interleave.
        for line in EmbeddedMetrics.lines(for: report, timestamp: Date()) {
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
