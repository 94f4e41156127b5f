import Foundation
import Testing
@testable import AWSCore

@Suite struct AWSErrorDecoderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return Array(try Data(contentsOf: dir.appendingPathComponent(name)))
    }

    static func decode(_ name: String, status: Int, service: AWSService, headers: HTTPHeaders = [:]) throws -> AWSError {
        AWSErrorDecoder.decode(HTTPResponse(status: status, headers: headers, body: try fixture(name)), service: service, operation: "Op")
    }

    @Test func json11NamespacedTypeIsStripped() throws {
        let e = try Self.decode("json11-throttling.json", status: 400, service: .ssm, headers: ["x-amzn-RequestId": "req-1"])
        #expect(e.code == "ThrottlingException")
        #expect(e.message == "Rate exceeded")
        #expect(e.requestId == "req-1")
        #expect(e.service == "ssm" && e.operation == "Op" && e.httpStatus == 400)
        #expect(e.isThrottling)
    }

    @Test func json11CapitalisedMessageAndExtraMembers() throws {
        let e = try Self.decode("json11-parameter-not-found.json", status: 400, service: .ssm)
        #expect(e.code == "ParameterNotFound")
        #expect(e.message == "Parameter /efs-autoscaler/mount-targets not found.")
        let c = try Self.decode("json11-ecs-client-exception.json", status: 400, service: .ecs)
        #expect(c.code == "ClientException")
        #expect(c.message == "Cluster not found.")
    }

    @Test func restJSONHeaderWinsAndColonSuffixIsStripped() throws {
        let e = try Self.decode("restjson-mount-target-conflict.json", status: 409, service: .efs,
                                headers: ["x-amzn-ErrorType": "MountTargetConflict:http://internal.amazon.com/coral/com.amazonaws.efs/",
                                          "x-amzn-RequestId": "efs-req"])
        #expect(e.code == "MountTargetConflict")
        #expect(e.message == "Mount target already exists in this AZ")
        #expect(e.requestId == "efs-req")
    }

    @Test func restJSONFallsBackToBodyCode() throws {
        let e = try Self.decode("restjson-body-only.json", status: 404, service: .efs)
        #expect(e.code == "FileSystemNotFound")
        #expect(e.message == "File system 'fs-0123' does not exist.")
    }

    @Test func queryEC2ErrorsEnvelope() throws {
        let e = try Self.decode("query-ec2-unauthorized.xml", status: 403, service: .ec2)
        #expect(e.code == "UnauthorizedOperation")
        #expect(e.message.hasSuffix("abc&def"))
        #expect(e.requestId == "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
        #expect(e.isAccessDenied)
    }

    @Test func queryErrorResponseEnvelope() throws {
        let e = try Self.decode("query-sts-error-response.xml", status: 403, service: .sts)
        #expect(e.code == "InvalidClientTokenId")
        #expect(e.message == "The security token included in the request is invalid.")
        #expect(e.requestId == "b0bd2b2b-2f8d-4b1c-8d62-EXAMPLE")
    }

    @Test(arguments: [AWSService.ssm, .ecs, .efs])
    func xmlAuthFailureFromJSONService(_ service: AWSService) throws {
        let e = try Self.decode("xml-auth-from-json-service.xml", status: 403, service: service)
        #expect(e.code == "SignatureDoesNotMatch")
        #expect(e.requestId == "4f0b1c52-EXAMPLE")
        #expect(e.isAccessDenied)
    }

    @Test func htmlPageBecomesStatusCodeWithReadableExcerpt() throws {
        let e = try Self.decode("html-503.html", status: 503, service: .ssm)
        #expect(e.code == "HTTP503")
        #expect(e.message.contains("503 Service Temporarily Unavailable"))
        #expect(!e.message.contains("<"))
        #expect(!e.message.contains("\n"))
    }

    @Test func truncatedJSONBecomesStatusCode() throws {
        let e = try Self.decode("truncated.json", status: 400, service: .ssm)
        #expect(e.code == "HTTP400")
        #expect(e.message.contains("ThrottlingExcep"))
    }

    @Test func hugeOrEmptyBodiesStayShort() {
        let big = AWSErrorDecoder.decode(HTTPResponse(status: 502, body: Array(String(repeating: "x", count: 100_000).utf8)), service: .ecs, operation: "Op")
        #expect(big.code == "HTTP502")
        #expect(big.message.count <= AWSErrorDecoder.maxMessageLength + 1)
        let empty = AWSErrorDecoder.decode(HTTPResponse(status: 500), service: .ecs, operation: "Op")
        #expect(empty.code == "HTTP500")
        #expect(empty.message == "empty response body")
    }

    @Test func secretsEchoedInBodiesAreRedacted() {
        let body = #"{"__type":"ValidationException","message":"bad header Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=deadbeef"}"#
        let e = AWSErrorDecoder.decode(HTTPResponse(status: 400, body: Array(body.utf8)), service: .ssm, operation: "Op")
        #expect(e.code == "ValidationException")
        #expect(!e.message.contains("deadbeef"))
    }
}
