/// Everything `doctor` found: where requests go, who signs them, and one line per check.
/// Encodes to the `--json` output; contains no secret (only the credentials' source and key id).
public struct PreflightReport: Codable, Sendable, Equatable {
    public var region: String
    /// Service name ("efs", "ec2", "ssm", "ecs") to endpoint URL.
    public var endpoints: [String: String]
    /// Which provider answered ("environment", "web-identity", "profile", "container", "imds"), when one did.
    public var credentialsSource: String?
    /// The access key id in use (not a secret; useful to tell users apart). `nil` when none resolved.
    public var accessKeyID: String?
    /// Why no credentials could be resolved.
    public var credentialsError: String?
    public var checks: [PreflightCheck]

    public init(region: String, endpoints: [String: String], credentialsSource: String?, accessKeyID: String?,
                credentialsError: String?, checks: [PreflightCheck]) {
        self.region = region
        self.endpoints = endpoints
        self.credentialsSource = credentialsSource
        self.accessKeyID = accessKeyID
        self.credentialsError = credentialsError
        self.checks = checks
    }

    /// True when credentials resolved and no check failed (warnings and skips do not fail).
    public var passed: Bool { credentialsError == nil && !checks.contains { $0.status == .failed } }
}
