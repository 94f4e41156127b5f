/// Everything `doctor` found: where requests go, who signs them, and one line per check.
/// Encodes to the `--json` output; contains no secret (only the credentials' source and key id).
struct PreflightReport: Codable, Sendable, Equatable {
    var region: String
    /// Service name ("efs", "ec2", "ssm", "ecs") to endpoint URL.
    var endpoints: [String: String]
    /// Which provider answered ("environment", "web-identity", "profile", "container", "imds"), when one did.
    var credentialsSource: String?
    /// The access key id in use (not a secret; useful to tell users apart). `nil` when none resolved.
    var accessKeyId: String?
    /// Why no credentials could be resolved.
    var credentialsError: String?
    var checks: [PreflightCheck]

    init(region: String, endpoints: [String: String], credentialsSource: String?, accessKeyId: String?,
                credentialsError: String?, checks: [PreflightCheck]) {
        self.region = region
        self.endpoints = endpoints
        self.credentialsSource = credentialsSource
        self.accessKeyId = accessKeyId
        self.credentialsError = credentialsError
        self.checks = checks
    }

    /// The `--json` keys, written out so the Swift spelling (`accessKeyId`) can differ from the
    /// key scripts already read (`accessKeyID`).
    enum CodingKeys: String, CodingKey {
        case region, endpoints, credentialsSource
        case accessKeyId = "accessKeyID"
        case credentialsError, checks
    }

    /// True when credentials resolved and no check failed (warnings and skips do not fail).
    var passed: Bool { credentialsError == nil && !checks.contains { $0.status == .failed } }
}
