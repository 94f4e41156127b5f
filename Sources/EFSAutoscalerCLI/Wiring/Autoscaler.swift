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
    let configuration: Configuration
    let environment: [String: String]
    let client: AWSClient
    let counter: WalkingFileCountSource
    let logger: Logger

    /// Validates the whole environment before anything touches AWS.
    /// - Throws: `ConfigurationError` naming every bad variable, or `AWSConfigurationError`
    ///   for a bad region or endpoint override.
    init(environment: [String: String], logger: Logger) throws {
        configuration = try Configuration.parse(environment)
        self.environment = environment
        self.logger = logger
        client = try AWSClient.fromEnvironment(environment, logger: logger)
        counter = WalkingFileCountSource(root: configuration.targetDirectory, recursive: configuration.countRecursive,
                                         concurrency: configuration.countConcurrency)
    }

    /// The lock item's store, when `LOCK_TABLE_NAME` is set.
    var lockStore: DynamoDBLockStore? {
        configuration.lockTableName.map {
            DynamoDBLockStore(dynamodb: DynamoDBClient(executor: client), table: $0, fileSystemId: configuration.fileSystemId)
        }
    }

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
        let service: (any ServiceAPI)? = configuration.serviceConfigured
            ? ECSServiceAPI(ecs: ECSClient(executor: client), cluster: configuration.ecsClusterName!, service: configuration.ecsServiceName!)
            : nil
        let reconciler = Reconciler(
            configuration: configuration,
            fileSystem: EFSFileSystemAPI(efs: EFSClient(executor: client)),
            network: EC2NetworkAPI(ec2: EC2Client(executor: client)),
            parameters: SSMParameterStore(ssm: SSMClient(executor: client)),
            lock: lockStore,
            service: service, counter: counter, logger: logger,
            options: ReconcilerOptions(runId: runId, stopRequested: stopRequested))
        let remaining = max(0, deadline.timeIntervalSinceNow)
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
    static func fromCommandLine(environment: [String: String], logger: Logger) throws -> Autoscaler {
        do {
            return try Autoscaler(environment: environment, logger: logger)
        } catch {
            throw CommandFailure("invalid configuration: \(error)")
        }
    }
}
