#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SigV4

/// The JSON document both the container credentials endpoint and IMDS return:
/// `{"AccessKeyId": ..., "SecretAccessKey": ..., "Token": ..., "Expiration": "2026-...Z"}`
/// (IMDS adds `"Code": "Success"`).
struct CredentialsDocument: Decodable {
    var Code: String?
    var AccessKeyId: String?
    var SecretAccessKey: String?
    var Token: String?
    var Expiration: String?

    /// Decodes and validates; errors name the provider and the problem, never the body
    /// (which holds the secret).
    static func credentials(from body: [UInt8], provider: String) throws -> AWSCredentials {
        let document: CredentialsDocument
        do {
            document = try JSONDecoder().decode(CredentialsDocument.self, from: Data(body))
        } catch {
            throw CredentialsError.failed(provider, "the credentials response is not valid JSON (\(body.count) bytes)")
        }
        if let code = document.Code, code != "Success" {
            throw CredentialsError.failed(provider, "the credentials response has Code \"\(AWSErrorDecoder.sanitize(code))\"")
        }
        guard let id = SharedConfig.nonEmpty(document.AccessKeyId), let secret = SharedConfig.nonEmpty(document.SecretAccessKey) else {
            throw CredentialsError.failed(provider, "the credentials response lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Double?
        if let text = document.Expiration {
            guard let parsed = Timestamp.parseISO8601(text) else {
                throw CredentialsError.failed(provider, "the credentials response has an unreadable Expiration \"\(AWSErrorDecoder.sanitize(text))\"")
            }
            expiration = parsed
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret,
                              sessionToken: SharedConfig.nonEmpty(document.Token), expiration: expiration)
    }
}
