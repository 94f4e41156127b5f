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

    /// The SDKs' default order: environment → shared files → container → IMDSv2.
    public static func standard(environment: [String: String], transport: any HTTPTransport) -> CredentialsChain {
        CredentialsChain([
            EnvironmentCredentialsProvider(environment: environment),
            ProfileCredentialsProvider(environment: environment),
            ContainerCredentialsProvider(environment: environment, transport: transport),
            InstanceMetadataCredentialsProvider(environment: environment, transport: transport),
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
