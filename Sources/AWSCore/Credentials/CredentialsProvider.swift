import SigV4

/// Something that can produce AWS credentials: an environment, a file, an HTTP endpoint.
///
/// Providers throw `CredentialsError`: `.notConfigured` means "this source is not set up here,
/// try the next one"; `.failed` means "this source is set up but broken" and stops the chain,
/// because silently falling through to other credentials would act with the wrong identity.
public protocol CredentialsProvider: Sendable {
    /// Short name of the source, reported by `doctor` and logs ("environment", "profile", ...).
    var name: String { get }
    func credentials() async throws -> AWSCredentials
    /// The credentials and the name of the provider that actually answered (a chain reports
    /// the member, not itself).
    func resolve() async throws -> ResolvedCredentials
}

extension CredentialsProvider {
    public func resolve() async throws -> ResolvedCredentials {
        ResolvedCredentials(credentials: try await credentials(), source: name)
    }
}

/// Credentials together with where they came from.
public struct ResolvedCredentials: Sendable, Equatable {
    public var credentials: AWSCredentials
    public var source: String
    public init(credentials: AWSCredentials, source: String) {
        self.credentials = credentials
        self.source = source
    }
}
