#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SigV4

/// EKS IRSA and other OIDC federation: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` exchanged
/// for temporary credentials with `sts:AssumeRoleWithWebIdentity`.
///
/// - The call is an unsigned query-protocol POST (the token is the proof), sent to the STS
///   endpoint the resolver gives every service: `AWS_ENDPOINT_URL_STS`, then
///   `AWS_ENDPOINT_URL`, then the regional `https://sts.{region}.amazonaws.com`.
/// - The token file is re-read on every fetch: EKS rotates it (hourly), and a cached token
///   would start failing with `ExpiredTokenException`.
/// - Session name: `AWS_ROLE_SESSION_NAME`, else `efs-autoscaler-<milliseconds since 1970>`.
/// - Transient failures (connection errors, 5xx, throttling, and STS's own
///   `IDPCommunicationError`) are retried with the provider's `RetryPolicy`.
/// - The returned credentials carry STS's `Expiration`, so `CachingCredentialsProvider` refreshes
///   them five minutes before they expire.
///
/// A token file set without `AWS_ROLE_ARN`, or a token file that cannot be read, is a broken
/// set-up (`.failed`, naming the variable), never a silent fall-through to the instance role.
public struct WebIdentityCredentialsProvider: CredentialsProvider {
    public let name = "web-identity"
    public static let stsVersion = "2011-06-15"
    static let operation = "AssumeRoleWithWebIdentity"
    /// STS's codes for "the identity provider could not be reached": worth another attempt.
    static let retryableCodes: Set<String> = ["IDPCommunicationError", "IDPCommunicationErrorException"]

    let environment: [String: String]
    let transport: any HTTPTransport
    let region: String?
    let retryPolicy: RetryPolicy
    let timeouts: HTTPTimeouts
    let now: @Sendable () -> Double

    /// - Parameters:
    ///   - region: where the regional STS endpoint is; `nil` reads `AWS_REGION`, then
    ///     `AWS_DEFAULT_REGION`, then uses `us-east-1`.
    ///   - now: seconds since 1970 for the generated session name; injectable for tests.
    public init(environment: [String: String], transport: any HTTPTransport, region: String? = nil,
                retryPolicy: RetryPolicy = RetryPolicy(), timeouts: HTTPTimeouts = HTTPTimeouts(connect: 3, total: 10),
                now: @escaping @Sendable () -> Double = { WallClock.seconds() }) {
        self.environment = environment
        self.transport = transport
        self.region = region
        self.retryPolicy = retryPolicy
        self.timeouts = timeouts
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        let tokenPath = SharedConfig.nonEmpty(environment["AWS_WEB_IDENTITY_TOKEN_FILE"])
        let roleARN = SharedConfig.nonEmpty(environment["AWS_ROLE_ARN"])
        guard let tokenPath else {
            throw CredentialsError.notConfigured(name, "AWS_WEB_IDENTITY_TOKEN_FILE is not set")
        }
        guard let roleARN else {
            throw CredentialsError.failed(name, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is empty or missing")
        }
        guard roleARN.hasPrefix("arn:"), roleARN.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw CredentialsError.failed(name, "AWS_ROLE_ARN=\"\(Redactor.redact(roleARN))\" is not a role ARN (arn:aws:iam::<account>:role/<name>)")
        }
        let sessionName = try self.sessionName()
        let token = try readToken(path: tokenPath)

        let resolvedRegion = region ?? SharedConfig.nonEmpty(environment["AWS_REGION"]) ?? SharedConfig.nonEmpty(environment["AWS_DEFAULT_REGION"]) ?? "us-east-1"
        let endpoint: Endpoint
        do {
            endpoint = try EndpointResolver.resolve(service: .sts, region: resolvedRegion, environment: environment)
        } catch {
            throw CredentialsError.failed(name, "\(error)")
        }
        let url = endpoint.description + "/"
        let body = QueryForm.encode(action: Self.operation, version: Self.stsVersion, parameters: [
            ("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ])
        var headers = HTTPHeaders()
        for header in AWSService.sts.wireProtocol.headers(operation: Self.operation, hasBody: true) { headers.add(header.name, header.value) }
        headers.add("Accept", "text/xml")
        let request = HTTPRequest(method: "POST", url: url, headers: headers, body: body, timeouts: timeouts)

        let response = try await send(request)
        guard (200..<300).contains(response.status) else {
            let error = AWSErrorDecoder.decode(response, service: .sts, operation: Self.operation)
            throw CredentialsError.failed(name, "sts:AssumeRoleWithWebIdentity for \(roleARN) failed: "
                                          + Redactor.redact("\(error.code) (HTTP \(error.httpStatus)): \(error.message)", knownSecrets: [token]))
        }
        return try Self.credentials(fromXML: response.body, provider: name)
    }

    /// Sends with the provider's retry policy; STS's `IDPCommunicationError` (a 400) is transient,
    /// other answers are classified like any AWS error.
    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await retryPolicy.send(request, over: transport) { response in
                let error = AWSErrorDecoder.decode(response, service: .sts, operation: Self.operation)
                return Self.retryableCodes.contains(error.code) ? .transient : RetryPolicy.classify(error)
            }
        } catch let error as HTTPTransportError {
            throw CredentialsError.failed(name, "no response from STS at \(Redactor.redactURL(request.url)) (\(error.kind.rawValue): \(error.detail))")
        }
    }

    func sessionName() throws -> String {
        guard let given = SharedConfig.nonEmpty(environment["AWS_ROLE_SESSION_NAME"]) else {
            return "efs-autoscaler-\(Int64(now() * 1000))"
        }
        // STS: 2-64 characters of [\w+=,.@-].
        let allowed = given.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || Array("_+=,.@-".utf8).contains(b)
        }
        guard allowed, (2...64).contains(given.utf8.count) else {
            throw CredentialsError.failed(name, "AWS_ROLE_SESSION_NAME=\"\(Redactor.redact(given))\" must be 2 to 64 characters of letters, digits and _+=,.@-")
        }
        return given
    }

    private func readToken(path: String) throws -> String {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self).trimmingXMLWhitespace()
        } catch {
            throw CredentialsError.failed(name, "AWS_WEB_IDENTITY_TOKEN_FILE=\(path) cannot be read")
        }
        guard !text.isEmpty else {
            throw CredentialsError.failed(name, "AWS_WEB_IDENTITY_TOKEN_FILE=\(path) is empty")
        }
        return text
    }

    /// `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>…`.
    /// Errors name what is missing, never the body (it holds the secret key).
    static func credentials(fromXML body: [UInt8], provider: String) throws -> AWSCredentials {
        guard let root = try? XMLNode.parse(body) else {
            throw CredentialsError.failed(provider, "the STS response is not valid XML (\(body.count) bytes)")
        }
        guard let credentials = root.path(operation + "Result", "Credentials") else {
            throw CredentialsError.failed(provider, "the STS response has no \(operation)Result/Credentials (root <\(AWSErrorDecoder.sanitize(root.name))>)")
        }
        func field(_ name: String) -> String? { SharedConfig.nonEmpty(credentials.child(name)?.text) }
        guard let id = field("AccessKeyId"), let secret = field("SecretAccessKey"), let session = field("SessionToken") else {
            throw CredentialsError.failed(provider, "the STS response lacks AccessKeyId, SecretAccessKey or SessionToken")
        }
        guard let expirationText = field("Expiration"), let expiration = Timestamp.parseISO8601(expirationText) else {
            throw CredentialsError.failed(provider, "the STS response has no readable Expiration")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: session, expiration: expiration)
    }
}
