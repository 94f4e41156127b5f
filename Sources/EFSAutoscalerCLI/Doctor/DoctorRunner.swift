import AWSCore
import Logging
import Scaling
import ScalingAWS

/// Builds the `doctor` report: the resolved AWS set-up (region, endpoints, credentials source),
/// then the same validations a run makes, through the same protocols, each reported instead of
/// stopping at the first: the environment contract (`Settings.parse`), the target directory
/// (`TargetDirectoryCheck`) and every step of the run's preflight (`Observer.preflightSteps`,
/// wired by `AWSPorts` as a run wires it). What counts as a warning is the preflight's call.
///
/// It never throws, so `--json` always prints a report. A configuration the run would refuse
/// fails the report; the preflight needs a valid configuration and credentials, and is skipped
/// (and says why) without them.
enum DoctorRunner {
    static let services: [AWSService] = [.efs, .ec2, .ssm, .ecs]

    /// - Parameter settings: the composition root's parse of `environment` (its problems when it failed).
    static func report(settings: Result<Settings, ConfigurationError>, environment: [String: String],
                       transport: any HTTPTransport, logger: Logger) async -> PreflightReport {
        var checks: [PreflightCheck] = []
        switch settings {
        case .success:
            checks.append(PreflightCheck(action: "configuration", target: nil, status: .ok, detail: "the environment contract is valid"))
        case .failure(let error):
            checks += error.problems.map {
                PreflightCheck(action: "configuration", target: $0.variable, status: .failed, code: "ConfigurationError", detail: $0.description)
            }
        }
        let client: AWSClient
        do {
            client = try AWSClient.fromEnvironment(environment, transport: transport, logger: logger)
        } catch {
            checks.append(PreflightCheck(action: "configuration", target: nil, status: .failed,
                                         code: "ConfigurationError", detail: String(describing: error)))
            return PreflightReport(region: "unresolved", endpoints: [:], credentialsSource: nil, accessKeyId: nil,
                                   credentialsError: nil, checks: checks)
        }
        var endpoints: [String: String] = [:]
        for service in services {
            endpoints[service.name] = (try? client.endpoint(for: service).description) ?? "unresolved"
        }
        var source: String?, keyId: String?, credentialsError: String?
        do {
            let resolved = try await client.credentialsProvider.resolve()
            source = resolved.source
            keyId = resolved.credentials.accessKeyId
        } catch {
            credentialsError = String(describing: error)
        }
        guard case .success(let settings) = settings else {
            checks.append(PreflightCheck(action: "preflight", target: nil, status: .skipped,
                                         detail: "not run: the configuration is invalid (above)"))
            return PreflightReport(region: client.region, endpoints: endpoints, credentialsSource: source, accessKeyId: keyId,
                                   credentialsError: credentialsError, checks: checks)
        }
        let configuration = settings.configuration
        do throws(ConfigurationError) {
            try TargetDirectoryCheck.verify(configuration.targetDirectory)
            checks.append(PreflightCheck(action: "target directory", target: configuration.targetDirectory, status: .ok,
                                         detail: "an existing directory"))
        } catch {
            checks.append(PreflightCheck(action: "target directory", target: configuration.targetDirectory, status: .failed,
                                         code: "ConfigurationError", detail: String(describing: error)))
        }
        if credentialsError == nil {
            // The counter is never called by the preflight.
            let observer = AWSPorts(configuration: configuration, client: client)
                .observer(configuration: configuration, counter: WalkingFileCountSource(root: configuration.targetDirectory, settings: settings.count))
            for step in observer.preflightSteps() {
                checks.append(await check(step.name, target: step.target, step.check))
            }
        } else {
            checks.append(PreflightCheck(action: "preflight", target: nil, status: .skipped, detail: "not run: no credentials (above)"))
        }
        return PreflightReport(region: client.region, endpoints: endpoints, credentialsSource: source, accessKeyId: keyId,
                               credentialsError: credentialsError, checks: checks)
    }

    /// Runs one step and maps what it threw to a failed check: the AWS code, or the error's type.
    private static func check(_ name: String, target: String?,
                              _ body: () async throws -> PreflightStep.Outcome) async -> PreflightCheck {
        do {
            switch try await body() {
            case .ok(let detail): return PreflightCheck(action: name, target: target, status: .ok, detail: detail)
            case .warning(let detail): return PreflightCheck(action: name, target: target, status: .warning, detail: detail)
            case .skipped(let detail): return PreflightCheck(action: name, target: target, status: .skipped, detail: detail)
            }
        } catch {
            let code: String = switch error {
            case let error as AWSError: error.code
            case is HTTPTransportError: "TransportError"
            default: String(describing: type(of: error))
            }
            return PreflightCheck(action: name, target: target, status: .failed, code: code, detail: String(describing: error))
        }
    }
}
