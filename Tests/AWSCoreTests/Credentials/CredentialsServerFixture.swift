import Foundation
import TestSupport
@testable import AWSCore

/// Bodies a credentials endpoint (ECS or IMDS) returns, and a direct transport for tests.
enum CredentialsServerFixture {
    static let secret = "cReDsEcReT/K7MDENG/bPxRfiCYzzEXAMPLE"
    static let token = "SeSsIoNtOkEn//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample"

    static func body(id: String = "ASIACONTAINER", expiration: String = "2099-01-01T00:00:00Z", code: String? = nil) -> String {
        let codePart = code.map { #""Code":"\#($0)","# } ?? ""
        return #"{\#(codePart)"AccessKeyId":"\#(id)","SecretAccessKey":"\#(secret)","Token":"\#(token)","Expiration":"\#(expiration)"}"#
    }

    /// A curl transport that ignores the process's proxy variables.
    static func transport() -> CurlTransport { CurlTransport(environment: [:]) }

    static func iso8601(_ seconds: Double) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: seconds))
    }
}
