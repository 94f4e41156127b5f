import SigV4

/// Tries providers in order and returns the first that has credentials.
///
/// A provider that is not configured is skipped; one that is configured but fails stops the
/// chain with its error, so a broken setup is reported instead of masked by a later source.
/// When every provider is unconfigured, the error lists what each one looked for.
public struct CredentialsChain: CredentialsProvider {
    public let name = "chain"
    public let providers: [any CredentialsProvider]

    public init(_ providers: [any CredentialsProvider]) { self.providers = providers }

    /// The SDKs' default order (the Java v2 and Go v2 SDKs' default chains): environment →
    /// web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`) → shared files →
    /// container → IMDSv2.
    ///
    /// - Parameters:
    ///   - region: the region of the STS endpoint for web identity (`nil`: from the environment).
    ///   - retryPolicy: attempts and backoff for the HTTP providers (container, IMDS, STS); its
    ///     quota is not used.
    public static func standard(environment: [String: String], transport: any HTTPTransport, region: String? = nil,
                                retryPolicy: RetryPolicy = RetryPolicy()) -> CredentialsChain {
        CredentialsChain([
            EnvironmentCredentialsProvider(environment: environment),
            WebIdentityCredentialsProvider(environment: environment, transport: transport, region: region, retryPolicy: retryPolicy),
            ProfileCredentialsProvider(environment: environment),
            ContainerCredentialsProvider(environment: environment, transport: transport, retryPolicy: retryPolicy),
            InstanceMetadataCredentialsProvider(environment: environment, transport: transport, retryPolicy: retryPolicy),
        ])
    }

    public func credentials() async throws -> AWSCredentials { try await resolve().credentials }

    public func resolve() async throws -> ResolvedCredentials {
        var tried: [String] = []
        for provider in providers {
            do {
                return try await provider.resolve()
            } catch let error as CredentialsError where error.kind == .notConfigured {
                tried.append("\(error.provider): \(error.message)")
            }
        }
        throw CredentialsError.notConfigured(name, "no credentials found; tried " + tried.joined(separator: "; "))
    }
}
