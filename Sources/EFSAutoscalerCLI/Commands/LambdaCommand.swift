import ArgumentParser
import Scaling
import AWSCore
import LambdaRuntime
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler lambda`: the Lambda custom runtime. Also what runs when the binary is
/// started as `bootstrap`, or with `AWS_LAMBDA_RUNTIME_API` set and no arguments.
struct LambdaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda",
        abstract: "Serve AWS Lambda invocations through the Runtime API (the custom runtime loop).",
        discussion: """
        Each invocation's event may be {}, an EventBridge scheduled event, {"dry_run": true} or \
        {"action": "reconcile"|"plan"|"doctor"}. A failed run is posted to the Runtime API's \
        error endpoint so that Lambda's Errors metric and alarms fire; invalid configuration is \
        posted to init/error and the process exits.

        Environment:
          AWS_LAMBDA_RUNTIME_API  host:port of the Runtime API (set by Lambda)
        \(LoggingBootstrap.environmentHelp)
          and the reconcile's settings (TARGET_DIRECTORY, EFS_FILE_SYSTEM_ID, ...)
        """
    )

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // The contract is parsed once. A bad LOG_LEVEL/LOG_FORMAT is a configuration error like
        // any other: Lambda must hear of it through init/error, so logging falls back to JSON then.
        let settings = Result { () throws(ConfigurationError) in try Settings.parse(environment) }
        let logging = (try? settings.get().logging) ?? (try? LoggingSettings.parse(environment))
        let logger = logging.map { LoggingBootstrap.bootstrap($0) } ?? LoggingBootstrap.bootstrapDefault()
        // The Runtime API is inside the sandbox: never through a proxy, whatever http_proxy says.
        let client = try RuntimeAPIClient(environment: environment, transport: CurlTransport(environment: [:]))
        let loop = LambdaRuntimeLoop(controlPlane: client, logger: logger)
        let exit = await loop.run {
            try makeLambdaHandler(settings: try settings.get(), environment: environment, logger: logger)
        }
        if exit.exitCode != 0 { throw ExitCode(exit.exitCode) }
    }
}
