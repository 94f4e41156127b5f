#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SigV4

/// ECS/Fargate task-role and EKS Pod Identity credentials.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is appended to http://169.254.170.2;
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` is accepted only for loopback hosts (127.0.0.0/8,
/// [::1], localhost) and the ECS/EKS link-local hosts (169.254.170.2, 169.254.170.23,
/// [fd00:ec2::23]): anything else could send the authorization token to an arbitrary server.
/// The `Authorization` header comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read
/// on every fetch, because EKS rotates it) or else `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// Connection errors, timeouts, 429 and 5xx are retried with `retryPolicy`, like any call: the
/// ECS agent answers 500 while it is still fetching the role's credentials at task start.
public struct ContainerCredentialsProvider: CredentialsProvider {
    public let name = "container"
    public static let defaultRelativeBase = "http://169.254.170.2"
    static let allowedHosts: Set<String> = ["localhost", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    let environment: [String: String]
    let transport: any HTTPTransport
    let relativeBase: String
    let timeouts: HTTPTimeouts
    let retryPolicy: RetryPolicy

    /// - Parameter relativeBase: where relative URIs go; only tests change it (to a local server).
    public init(environment: [String: String], transport: any HTTPTransport,
                relativeBase: String = ContainerCredentialsProvider.defaultRelativeBase,
                timeouts: HTTPTimeouts = HTTPTimeouts(connect: 2, total: 5), retryPolicy: RetryPolicy = RetryPolicy()) {
        self.environment = environment
        self.transport = transport
        self.relativeBase = relativeBase
        self.timeouts = timeouts
        self.retryPolicy = retryPolicy
    }

    public func credentials() async throws -> AWSCredentials {
        let url = try resolveURL()
        var headers = HTTPHeaders([("Accept", "application/json")])
        if let token = try authorizationToken() { headers.add("Authorization", token) }
        let response: HTTPResponse
        do {
            response = try await retryPolicy.send(HTTPRequest(method: "GET", url: url, headers: headers, timeouts: timeouts), over: transport)
        } catch let error as HTTPTransportError {
            throw CredentialsError.failed(name, "no response from \(Redactor.redactURL(url)) (\(error.kind.rawValue): \(error.detail))")
        }
        guard response.status == 200 else {
            throw CredentialsError.failed(name, "\(Redactor.redactURL(url)) answered HTTP \(response.status)")
        }
        return try CredentialsDocument.credentials(from: response.body, provider: name)
    }

    /// The URL to fetch, or `.notConfigured` when neither variable is set.
    public func resolveURL() throws -> String {
        if let relative = SharedConfig.nonEmpty(environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]) {
            guard relative.hasPrefix("/"), !relative.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "@" }) else {
                throw CredentialsError.failed(name, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=\"\(Redactor.redact(relative))\" must be a path starting with /")
            }
            return relativeBase + relative
        }
        guard let full = SharedConfig.nonEmpty(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"]) else {
            throw CredentialsError.notConfigured(name, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
        }
        let withoutQuery = String(full.prefix { $0 != "?" })
        let endpoint: Endpoint
        do {
            endpoint = try Endpoint.parse(withoutQuery, setting: "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        } catch {
            throw CredentialsError.failed(name, "\(error)")
        }
        guard Self.isAllowedHost(endpoint.host) else {
            throw CredentialsError.failed(name, "AWS_CONTAINER_CREDENTIALS_FULL_URI host \"\(endpoint.host)\" is not allowed; it must be a loopback address (127.0.0.0/8, [::1], localhost) or the ECS/EKS credentials host (169.254.170.2, 169.254.170.23, [fd00:ec2::23])")
        }
        return full
    }

    static func isAllowedHost(_ host: String) -> Bool {
        if allowedHosts.contains(host) { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    private func authorizationToken() throws -> String? {
        let token: String?
        if let path = SharedConfig.nonEmpty(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]) {
            do {
                token = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self).trimmingXMLWhitespace()
            } catch {
                throw CredentialsError.failed(name, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=\(path) cannot be read")
            }
        } else {
            token = SharedConfig.nonEmpty(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"])
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw CredentialsError.failed(name, "the container authorization token contains a line break")
        }
        return token.flatMap { $0.isEmpty ? nil : $0 }
    }
}
