import AWSCore
import AWSServices
import Logging

/// Builds the `doctor` report: the resolved configuration (region, endpoints, credentials
/// source) and every read-only check, from an environment snapshot and a transport.
///
/// It never throws: a configuration error (bad region, bad endpoint override) becomes a
/// failed "configuration" check, so `--json` always prints a report.
enum DoctorRunner {
    static let services: [AWSService] = [.efs, .ec2, .ssm, .ecs]

    static func report(environment: [String: String], transport: any HTTPTransport, logger: Logger) async -> PreflightReport {
        let client: AWSClient
        do {
            client = try AWSClient.fromEnvironment(environment, transport: transport, logger: logger)
        } catch {
            return PreflightReport(region: "unresolved", endpoints: [:], credentialsSource: nil, accessKeyID: nil,
                                   credentialsError: nil, checks: [PreflightCheck(action: "configuration", target: nil, status: .failed,
                                                                                  code: "ConfigurationError", detail: String(describing: error))])
        }
        var endpoints: [String: String] = [:]
        for service in services {
            endpoints[service.name] = (try? client.endpoint(for: service).description) ?? "unresolved"
        }
        var source: String?, keyID: String?, credentialsError: String?
        do {
            let resolved = try await client.credentialsProvider.resolve()
            source = resolved.source
            keyID = resolved.credentials.accessKeyID
        } catch {
            credentialsError = String(describing: error)
        }
        var checks: [PreflightCheck] = []
        if credentialsError == nil {
            checks = await Preflight(executor: client).run(PreflightTargets(environment: environment))
        }
        return PreflightReport(region: client.region, endpoints: endpoints, credentialsSource: source, accessKeyID: keyID,
                               credentialsError: credentialsError, checks: checks)
    }
}
