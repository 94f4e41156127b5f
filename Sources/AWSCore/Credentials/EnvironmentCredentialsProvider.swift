import SigV4

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN` from an
/// environment snapshot. An empty variable counts as absent (Lambda and some CI systems set
/// them to ""). Only one of the two keys set is a configuration mistake, reported as such.
public struct EnvironmentCredentialsProvider: CredentialsProvider {
    public let name = "environment"
    let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> AWSCredentials {
        let id = SharedConfig.nonEmpty(environment["AWS_ACCESS_KEY_ID"])
        let secret = SharedConfig.nonEmpty(environment["AWS_SECRET_ACCESS_KEY"])
        switch (id, secret) {
        case let (id?, secret?):
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret,
                                  sessionToken: SharedConfig.nonEmpty(environment["AWS_SESSION_TOKEN"]))
        case (nil, nil):
            throw CredentialsError.notConfigured(name, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (nil, _?):
            throw CredentialsError.failed(name, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is empty or missing")
        case (_?, nil):
            throw CredentialsError.failed(name, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is empty or missing")
        }
    }
}
