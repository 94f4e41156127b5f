import SigV4

/// EC2 instance-role credentials over IMDSv2: a session token from `PUT /latest/api/token`,
/// then the role name and the role's credentials.
///
/// Timeouts are short (1 s connect) because off EC2 the address is a black hole, and this
/// provider is last in the chain. `AWS_EC2_METADATA_DISABLED=true` turns it off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it (tests point it at a local server). Each of the
/// three calls is retried on connection errors, timeouts, 429 and 5xx with `retryPolicy`, like
/// any call; only when every attempt got no answer at all is IMDS taken to be absent.
public struct InstanceMetadataCredentialsProvider: CredentialsProvider {
    public let name = "imds"
    public static let defaultEndpoint = "http://169.254.169.254"
    static let tokenTTLSeconds = "21600"

    let environment: [String: String]
    let transport: any HTTPTransport
    let timeouts: HTTPTimeouts
    let retryPolicy: RetryPolicy

    public init(environment: [String: String], transport: any HTTPTransport,
                timeouts: HTTPTimeouts = HTTPTimeouts(connect: 1, total: 2), retryPolicy: RetryPolicy = RetryPolicy()) {
        self.environment = environment
        self.transport = transport
        self.timeouts = timeouts
        self.retryPolicy = retryPolicy
    }

    public func credentials() async throws -> AWSCredentials {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
            throw CredentialsError.notConfigured(name, "disabled by AWS_EC2_METADATA_DISABLED=true")
        }
        var base = SharedConfig.nonEmpty(environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"]) ?? Self.defaultEndpoint
        do {
            base = try Endpoint.parse(base, setting: "AWS_EC2_METADATA_SERVICE_ENDPOINT").description
        } catch {
            throw CredentialsError.failed(name, "\(error)")
        }
        let tokenResponse = try await send("PUT", base + "/latest/api/token",
                                           [("X-aws-ec2-metadata-token-ttl-seconds", Self.tokenTTLSeconds)])
        let token = tokenResponse.bodyText.trimmingXMLWhitespace()
        guard !token.isEmpty, !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw CredentialsError.failed(name, "IMDS returned an unusable session token")
        }
        let auth = [("X-aws-ec2-metadata-token", token)]
        let roles = try await send("GET", base + "/latest/meta-data/iam/security-credentials/", auth)
        guard let role = roles.bodyText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init),
              !role.isEmpty, !role.contains("/"), !role.contains(" ") else {
            throw CredentialsError.failed(name, "the instance has no IAM role attached")
        }
        let document = try await send("GET", base + "/latest/meta-data/iam/security-credentials/" + role, auth)
        return try CredentialsDocument.credentials(from: document.body, provider: name)
    }

    /// One IMDS call. No answer at all means "not on EC2" (`.notConfigured`); an HTTP error
    /// means IMDS is there but refuses (`.failed`).
    private func send(_ method: String, _ url: String, _ headers: [(String, String)]) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await retryPolicy.send(HTTPRequest(method: method, url: url, headers: HTTPHeaders(headers), timeouts: timeouts), over: transport)
        } catch let error as HTTPTransportError {
            throw CredentialsError.notConfigured(name, "instance metadata service not reachable (\(error.kind.rawValue))")
        }
        guard response.status == 200 else {
            let path = url.split(separator: "/", maxSplits: 3).last.map { "/" + $0 } ?? url
            throw CredentialsError.failed(name, "\(method) \(path) answered HTTP \(response.status)")
        }
        return response
    }
}
