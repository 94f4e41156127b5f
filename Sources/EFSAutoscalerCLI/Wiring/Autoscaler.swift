import AWSCore
import AWSServices
import Logging
import Scaling
import ScalingAWS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The composition root: one per process. It holds what is expensive to build (the libcurl
/// transport and its connections, the cached credentials, the signing keys inside the client,
/// the incremental counter's directory cache), so warm Lambda invocations and worker runs
/// reuse all of it.
final class Autoscaler: Sendable {
    let settings: Settings
    var configuration: Configuration { settings.configuration }
    let environment: [String: String]
    let client: AWSClient
    let counter: WalkingFileCountSource
    let logger: Logger

    /// `settings` were parsed from `environment` (the composition root does that once);
    /// `environment` is kept for the `AWS_*` variables, which `AWSClient` reads like the SDKs.
    /// - Throws: `AWSConfigurationError` for a setting only the AWS core checks (a profile, `AWS_MAX_ATTEMPTS`).
    init(settings: Settings, environment: [String: String], logger: Logger) throws {
        self.settings = settings
        self.environment = environment
        self.logger = logger
        client = try AWSClient.fromEnvironment(environment, logger: logger)
        counter = WalkingFileCountSource(root: settings.configuration.targetDirectory, settings: settings.count)
    }

    /// The protocols a run acts through, over this process's client.
    func ports(_ configuration: Configuration) -> AWSPorts {
        AWSPorts(configuration: configuration, client: client)
    }

    /// The lock item's store, when `LOCK_TABLE_NAME` is set.
    var lockStore: DynamoDBLockStore? { ports(configuration).lock }

    /// One reconcile. `dryRun` overrides `DRY_RUN` (the `plan` command, a `{"dry_run":true}`
    /// event); `stopRequested` is the worker's SIGTERM. AWS retries never sleep past `deadline`.
    func run(runId: String, deadline: Date, dryRun: Bool? = nil,
             stopRequested: @escaping @Sendable () -> Bool = { false }) async -> RunReport {
        var configuration = configuration
        if let dryRun { configuration.dryRun = dryRun }
        do {
            try TargetDirectoryCheck.verify(configuration.targetDirectory)
        } catch {
            var report = RunReport(runId: runId, fileSystemId: configuration.fileSystemId,
                                   threshold: configuration.fileCountThreshold, dryRun: configuration.dryRun)
            report.error = String(describing: error)
            logger.error("run failed", metadata: ["run_id": "\(runId)", "error": "\(error)"])
            return report
        }
        let remaining = max(0, deadline.timeIntervalSinceNow)
        let reconciler = ports(configuration).reconciler(
            configuration: configuration, counter: counter, logger: logger,
            options: ReconcilerOptions(runId: runId, countReserveSeconds: ReconcilerOptions.countReserve(forRunSeconds: remaining),
                                       stopRequested: stopRequested))
        return await AWSCore.Deadline.$current.withValue(.after(seconds: remaining)) {
            await reconciler.run(deadline: deadline)
        }
    }
}

/// A run that ended with an error. The Lambda face throws it so the runtime posts it to the
/// error endpoint and the function's `Errors` metric and alarms fire.
struct ReconcileFailed: Error, CustomStringConvertible {
    var report: RunReport
    var description: String { "reconcile failed: \(report.error ?? "unknown error")" }
}

extension Autoscaler {
    /// For commands: configuration problems become one readable `Error:` without a stack of types.
    static func fromCommandLine(settings: Settings, environment: [String: String], logger: Logger) throws -> Autoscaler {
        do {
            return try Autoscaler(settings: settings, environment: environment, logger: logger)
        } catch {
            throw CommandFailure("invalid configuration: \(error)")
        }
    }
}

extension Settings {
    /// The composition root's one parse, for commands: every problem in one readable `Error:`.
    static func fromCommandLine(_ environment: [String: String]) throws -> Settings {
        do throws(ConfigurationError) {
            return try Settings.parse(environment)
        } catch {
            throw CommandFailure(error)
        }
    }
}
