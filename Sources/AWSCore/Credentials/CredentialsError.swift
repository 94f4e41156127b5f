/// Why a credentials provider produced nothing. Messages name the provider and the setting
/// involved but never a secret value.
public struct CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The source is not configured here; a chain moves on to the next provider.
        case notConfigured
        /// The source is configured but did not yield usable credentials; a chain stops.
        case failed
    }
    public var kind: Kind
    public var provider: String
    public var message: String

    public init(_ kind: Kind, provider: String, message: String) {
        self.kind = kind
        self.provider = provider
        self.message = message
    }

    public static func notConfigured(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.notConfigured, provider: provider, message: message)
    }

    public static func failed(_ provider: String, _ message: String) -> CredentialsError {
        CredentialsError(.failed, provider: provider, message: message)
    }

    public var description: String { "\(provider) credentials: \(Redactor.redact(message))" }
}
