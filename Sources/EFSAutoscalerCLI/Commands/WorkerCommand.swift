import ArgumentParser
import Scaling
import LambdaRuntime
import WorkerRuntime
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `efs-autoscaler worker`: the Fargate face, reconciling on a jittered interval until ECS
/// stops the task.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the reconcile every interval until SIGTERM or SIGINT.",
        discussion: """
        Each wait is the interval ±10 % so that several workers drift apart. On SIGTERM (what ECS \
        sends) or SIGINT, a run in progress is asked to stop at its next safe point and the \
        worker exits 0 once it has; if it takes longer than --grace, the worker exits 1.

        Environment:
        \(LoggingBootstrap.environmentHelp)
          and the reconcile's settings (TARGET_DIRECTORY, EFS_FILE_SYSTEM_ID, ...)
        """
    )

    @Option(name: .long, help: ArgumentHelp("Time between runs: 300, 300s, 5m or 1h.", valueName: "duration"))
    var interval = "300s"

    @Option(name: .long, help: ArgumentHelp("How long a stop waits for the run in progress (keep it under ECS's stopTimeout).", valueName: "duration"))
    var grace = "25s"

    @Flag(name: .long, help: ArgumentHelp(
        "Only count the tree and store the count in the lock item (LOCK_TABLE_NAME) for the deciding face; change nothing else.",
        discussion: "One mutator per file system: the Lambda decides and acts, the worker feeds it fresh counts of a tree too big to walk inside a Lambda."))
    var countOnly = false

    func validate() throws {
        _ = try schedule()
    }

    private func schedule() throws -> WorkerSchedule {
        do {
            return WorkerSchedule(interval: try WorkerSchedule.parseInterval(interval), grace: try WorkerSchedule.parseInterval(grace))
        } catch let error as WorkerIntervalError {
            throw ValidationError("\(error.text == interval ? "--interval" : "--grace"): \(error)")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings.fromCommandLine(environment)
        let logger = LoggingBootstrap.bootstrap(settings.logging)
        let body = countOnly ? try makeCountingWorkerRun(settings: settings, environment: environment, logger: logger)
                             : try makeWorkerRun(settings: settings, environment: environment, logger: logger)
        // Kept until the process exits: a second SIGTERM while exiting must not kill it mid-write.
        let subscription = try SignalMonitor.shared.subscribe(to: [SIGTERM, SIGINT])
        let exit = await Worker(schedule: try schedule(), logger: logger).run(signals: subscription.signals, body: body)
        if exit.exitCode != 0 { throw ExitCode(exit.exitCode) }
    }
}
