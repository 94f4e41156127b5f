import AWSCore
import ArgumentParser
import Logging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler doctor`: a preflight for operators. Prints the resolved region, each
/// service's endpoint and which credentials provider answered (never the secret), then runs
/// every read-only call the autoscaler needs against the configured ids. Exits 0 only when
/// every check passes; warnings (the mount-target parameter not published yet) and skipped
/// checks (an id not configured) do not fail it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, credentials and AWS permissions with read-only calls.",
        discussion: """
        Reads the same environment as the Lambda and the worker, and checks only what is set.

        \(AutoscalerEnvironmentHelp.text)
        """)

    @Flag(name: .long, help: "Print the report as one JSON object.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "efs-autoscaler.doctor")
        // The report says everything; client logs would only repeat it (and break --json on stdout).
        logger.logLevel = environment["LOG_LEVEL"]?.lowercased() == "debug" ? .debug : .critical
        let transport = CurlTransport(environment: environment, logger: logger)
        let report = await DoctorRunner.report(environment: environment, transport: transport, logger: logger)
        print(json ? try DoctorRendering.json(report) : DoctorRendering.text(report))
        if !report.passed { throw ExitCode(1) }
    }
}
