import AWSCore
import ArgumentParser
import Logging
import Scaling
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler doctor`: a preflight for operators. Prints the resolved region, each
/// service's endpoint and which credentials provider answered (never the secret), then runs
/// the validations a run makes before acting (the configuration, the target directory, the
/// preflight's reads), reporting each. Exits 0 only when every check passes; warnings (the
/// mount-target parameter not published yet) and skipped checks do not fail it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, credentials and AWS permissions with read-only calls.",
        discussion: """
        Reads the same environment as the Lambda and the worker, and makes the same checks a run \
        makes before acting, reporting every one instead of stopping at the first.

        \(AutoscalerEnvironmentHelp.text)
        """)

    @Flag(name: .long, help: "Print the report as one JSON object.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Parsed once; a problem is reported as a failed check rather than thrown.
        let settings = Result { () throws(ConfigurationError) in try Settings.parse(environment) }
        let level = (try? settings.get().logging.level) ?? (try? LoggingSettings.parse(environment).level)
        var logger = Logger(label: "efs-autoscaler.doctor")
        // The report says everything; client logs would only repeat it (and break --json on stdout).
        logger.logLevel = level.map { $0 <= .debug } == true ? .debug : .critical
        let transport = CurlTransport(environment: environment, logger: logger)
        let report = await DoctorRunner.report(settings: settings, environment: environment, transport: transport, logger: logger)
        print(json ? try DoctorRendering.json(report) : DoctorRendering.text(report))
        if !report.passed { throw ExitCode(1) }
    }
}
