/// An access key pair, with a session token when the keys are temporary.
///
/// `description` and `debugDescription` never render the secret or the token, so a
/// credential that ends up in a log line or an error message leaks nothing.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Seconds since 1970 at which temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Double?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Double? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>, sessionToken: \(sessionToken == nil ? "none" : "<redacted>"))"
    }

    public var debugDescription: String { description }
}
