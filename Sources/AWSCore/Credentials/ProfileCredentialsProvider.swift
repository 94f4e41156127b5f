import SigV4

/// Static keys from the shared `credentials`/`config` files, profile chosen by `AWS_PROFILE`.
///
/// Only `aws_access_key_id`/`aws_secret_access_key`(/`aws_session_token`) are supported. A
/// profile that assumes a role, uses SSO, an external process or web identity fails with a
/// message naming the profile and the key, instead of being skipped: skipping would let the
/// chain pick up different credentials than the operator configured.
public struct ProfileCredentialsProvider: CredentialsProvider {
    public let name = "profile"
    let environment: [String: String]

    /// Keys that configure a profile kind this project does not implement.
    static let unsupportedKeys = ["role_arn", "source_profile", "credential_source", "credential_process",
                                  "sso_start_url", "sso_session", "sso_account_id", "sso_role_name",
                                  "web_identity_token_file"]

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> AWSCredentials {
        let config: SharedConfig
        do {
            config = try SharedConfig.load(environment: environment)
        } catch {
            throw CredentialsError.failed(name, "\(error)")
        }
        let profile = config.profileName
        guard config.profileExists else {
            if config.profileExplicit {
                throw CredentialsError.failed(name, "AWS_PROFILE=\(profile) but no profile \"\(profile)\" exists in \(config.credentialsPath) or \(config.configPath)")
            }
            throw CredentialsError.notConfigured(name, "no [default] profile in \(config.credentialsPath) or \(config.configPath)")
        }
        let id = SharedConfig.nonEmpty(config.settings["aws_access_key_id"])
        let secret = SharedConfig.nonEmpty(config.settings["aws_secret_access_key"])
        if let id, let secret {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret,
                                  sessionToken: SharedConfig.nonEmpty(config.settings["aws_session_token"]))
        }
        if let key = Self.unsupportedKeys.first(where: { config.settings[$0] != nil }) {
            throw CredentialsError.failed(name, "profile \"\(profile)\" uses \(key), which is not supported; give the profile static aws_access_key_id/aws_secret_access_key, or use environment variables or container credentials")
        }
        if id != nil || secret != nil {
            let missing = id == nil ? "aws_access_key_id" : "aws_secret_access_key"
            throw CredentialsError.failed(name, "profile \"\(profile)\" is missing \(missing)")
        }
        if config.profileExplicit {
            throw CredentialsError.failed(name, "profile \"\(profile)\" has no aws_access_key_id/aws_secret_access_key")
        }
        throw CredentialsError.notConfigured(name, "profile \"\(profile)\" has no static keys")
    }
}
