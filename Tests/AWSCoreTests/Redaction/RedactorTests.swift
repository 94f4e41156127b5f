import Testing
@testable import AWSCore

@Suite struct RedactorTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=="
    static let signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"

    @Test(arguments: [
        "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-west-1/ssm/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)",
        "https://ssm.eu-west-1.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261122&X-Amz-Signature=\(signature)&X-Amz-Security-Token=\(token)",
        #"{"AccessKeyId":"ASIA1","SecretAccessKey":"\#(secret)","Token":"\#(token)","Expiration":"2026-11-22T04:00:00Z"}"#,
        #"{ "SecretAccessKey" : "\#(secret)", "Token" : "\#(token)" }"#,
        "<Credentials><SecretAccessKey>\(secret)</SecretAccessKey><SessionToken>\(token)</SessionToken></Credentials>",
        "aws_secret_access_key = \(secret)\naws_session_token=\(token)",
        "x-amz-security-token: \(token)",
        "headers: [\"X-Amz-Security-Token\": \"\(token)\", \"Authorization\": \"AWS4 ... Signature=\(signature)\"]",
    ])
    func scrubsEveryShapeOfSecret(_ text: String) {
        let out = Redactor.redact(text)
        #expect(!out.contains(Self.secret))
        #expect(!out.contains(Self.token))
        #expect(!out.contains(Self.signature))
        #expect(out.contains(Redactor.placeholder))
    }

    @Test func keepsHarmlessTextIntact() {
        let text = #"{"NextToken":"abc","FileSystemId":"fs-123","message":"Rate exceeded"} tokens=7"#
        #expect(Redactor.redact(text) == text)
        let url = "https://elasticfilesystem.eu-west-1.amazonaws.com/2015-02-01/mount-targets?FileSystemId=fs-1&MaxItems=10"
        #expect(Redactor.redactURL(url) == url)
    }

    @Test func keepsStructureAroundRedactedValues() {
        #expect(Redactor.redactURL("https://h/?a=1&X-Amz-Signature=abc&b=2") == "https://h/?a=1&X-Amz-Signature=<redacted>&b=2")
        #expect(Redactor.redact(#"{"Token":"t0k","Code":"Success"}"#) == #"{"Token":"<redacted>","Code":"Success"}"#)
    }

    @Test func replacesKnownSecretValuesAnywhere() {
        let out = Redactor.redact("odd place: \(Self.secret)!", knownSecrets: [Self.secret])
        #expect(out == "odd place: <redacted>!")
    }
}
