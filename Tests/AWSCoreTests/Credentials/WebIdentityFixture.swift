import Foundation
import TestSupport
@testable import AWSCore

/// A web identity token file and what STS answers, for the web identity provider's tests.
final class WebIdentityFixture: Sendable {
    static let roleARN = "arn:aws:iam::123456789012:role/efs-autoscaler"
    static let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZWZzIn0.c2lnbmF0dXJlLXNlY3JldA"
    static let secret = "wEbIdEnTiTySeCrEt/K7MDENG/bPxRfiCYzzEXAMPLE"
    static let sessionToken = "FwoGZXIvYXdzEWebIdentitySessionToken//////////example"

    let tokenFile: URL

    init(token: String = WebIdentityFixture.token) throws {
        tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("web-identity-\(UUID().uuidString)")
        try (token + "\n").write(to: tokenFile, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: tokenFile) }

    func environment(sts: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path, "AWS_ROLE_ARN": Self.roleARN, "AWS_ENDPOINT_URL_STS": sts,
         "AWS_REGION": "eu-west-1"].merging(extra) { $1 }
    }

    static func response(id: String = "ASIAWEBIDENTITY", expiration: String = "2099-01-01T00:00:00Z") -> String {
        """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>system:serviceaccount:efs</SubjectFromWebIdentityToken>
            <Credentials>
              <SessionToken>\(sessionToken)</SessionToken>
              <SecretAccessKey>\(secret)</SecretAccessKey>
              <Expiration>\(expiration)</Expiration>
              <AccessKeyId>\(id)</AccessKeyId>
            </Credentials>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """
    }

    static func error(_ code: String, _ message: String) -> String {
        "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>req-2</RequestId></ErrorResponse>"
    }

    /// The form fields of a recorded request body.
    static func form(_ request: LocalHTTPServer.RecordedRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
