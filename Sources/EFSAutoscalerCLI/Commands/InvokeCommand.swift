import ArgumentParser
import Scaling
import LambdaRuntime
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler invoke`: one handler run, locally, exactly as a Lambda invocation would run it.
struct InvokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Run the Lambda handler once, locally, and print its result JSON.",
        discussion: """
        The event is what the scheduled Lambda receives: {} (the default), an EventBridge \
        scheduled event, {"dry_run": true} or {"action": "reconcile"|"plan"|"doctor"}. A malformed \
        event is rejected before any AWS call. Exits non-zero when the configuration or the event \
        is invalid, or when the run fails (the report is still printed).

        \(AutoscalerEnvironmentHelp.text)
        """)

    @Option(name: .long, help: ArgumentHelp("Event JSON file, or - for standard input.", valueName: "FILE|-"))
    var event: String?

    @Option(name: .long, help: "Seconds the run may take, like a Lambda timeout.")
    var timeout: Int = 900

    func validate() throws {
        guard (1...86_400).contains(timeout) else { throw ValidationError("--timeout must be between 1 and 86400 seconds, got \(timeout)") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings.fromCommandLine(environment)
        let logger = LoggingBootstrap.bootstrap(settings.logging)
        let bytes = try event.map { try InputFile.read($0) } ?? Array("{}".utf8)
        let parsed: LambdaEvent
        do {
            parsed = try LambdaEvent(json: bytes)
        } catch {
            throw CommandFailure("invalid event \(event.map { $0 == "-" ? "on standard input" : $0 } ?? ""): \(error)")
        }
        let autoscaler = try Autoscaler.fromCommandLine(settings: settings, environment: environment, logger: logger)
        let runId = "invoke-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let body = try await EventDispatch.handle(parsed, autoscaler: autoscaler, runId: runId,
                                                      deadline: Date().addingTimeInterval(Double(timeout)),
                                                      logger: logger, metrics: false)
            print(String(decoding: body, as: UTF8.self))
        } catch let failure as ReconcileFailed {
            print(failure.report.json())
            throw CommandFailure(failure.description)
        } catch let failure as DoctorFailed {
            print(failure.json)
            throw CommandFailure("doctor: at least one check failed")
        }
    }
}
