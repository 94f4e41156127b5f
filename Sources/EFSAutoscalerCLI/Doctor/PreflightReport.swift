/// Everything `doctor` found: where requests go, who signs them, and one line per check.
/// Encodes to the `--json` output; contains no secret (only the credentials' source and key id).
struct PreflightReport: Codable, Sendable, Equatable {
    var region: String
    /// Service name ("efs", "ec2", "ssm", "ecs") to endpoint URL.
    var endpoints: [String: String]
    /// Which provider answered ("environment", "web-identity", "profile", "container", "imds"), when one did.
    var credentialsSource: String?
    /// The access key id in use (not a secret; useful to tell users apart). `nil` when none resolved.
    var accessKeyID: String?
    /// Why no credentials could be resolved.
    var credentialsError: String?
    var checks: [PreflightCheck]

    init(region: String, endpoints: [String: String], credentialsSource: String?, accessKeyID: String?,
                credentialsError: String?, checks: [PreflightCheck]) {
        self.region = region
        self.endpoints = endpoints
        self.credentialsSource = credentialsSource
        self.accessKeyID = accessKeyID
        self.credentialsError = credentialsError
        self.checks = checks
    }

    /// True when credentials resolved and no check failed (warnings and skips do not fail).
    var passed: Bool { credentialsError == nil && !checks.contains { $0.status == .failed } }
}
