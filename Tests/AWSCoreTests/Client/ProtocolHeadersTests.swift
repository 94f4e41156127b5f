import Testing
@testable import AWSCore

/// `AWSClient` is the one place that sets protocol headers (`X-Amz-Target`, `Content-Type`),
/// from the service's wire protocol: whatever a request carries for them is replaced, so no
/// service client can send an operation under another operation's target.
@Suite struct ProtocolHeadersTests {
    @Test func theClientSetsTheProtocolHeadersWhateverTheRequestCarries() async throws {
        let transport = ScriptedTransport([.ok, .ok, .ok])
        let client = ClientFixture.client(transport)
        var ssm = ClientFixture.ssmGet()
        ssm.headers.add("X-Amz-Target", "AmazonSSM.PutParameter")
        ssm.headers.add("Content-Type", "text/plain")
        _ = try await client.execute(ssm)
        var ec2 = AWSServiceRequest(service: .ec2, operation: "DescribeSubnets", body: Array("Action=DescribeSubnets&Version=2016-11-15".utf8), idempotent: true)
        ec2.headers.add("Content-Type", "application/json")
        _ = try await client.execute(ec2)
        _ = try await client.execute(AWSServiceRequest(service: .efs, operation: "CreateMountTarget", path: "/2015-02-01/mount-targets",
                                                       body: Array("{}".utf8), idempotent: false))
        let sent = transport.requests
        #expect(sent[0].headers.values(for: "X-Amz-Target") == ["AmazonSSM.GetParameter"])
        #expect(sent[0].headers.values(for: "Content-Type") == ["application/x-amz-json-1.1"])
        #expect(sent[1].headers.values(for: "Content-Type") == ["application/x-www-form-urlencoded; charset=utf-8"])
        #expect(sent[1].headers["X-Amz-Target"] == nil)
        #expect(sent[2].headers.values(for: "Content-Type") == ["application/json"])
    }
}

/// awsJson1.0, DynamoDB's protocol, next to the others.
@Suite struct JSON10ProtocolTests {
    @Test func json10SendsItsTargetAndContentTypeAndDecodesTypeErrors() async throws {
        let error = ScriptedTransport.Step.status(400, #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#)
        let transport = ScriptedTransport([.ok, error])
        let client = ClientFixture.client(transport)
        let put = AWSServiceRequest(service: .dynamodb, operation: "PutItem", body: Array(#"{"TableName":"locks"}"#.utf8))
        _ = try await client.execute(put)
        let sent = try #require(transport.requests.first)
        #expect(sent.headers["X-Amz-Target"] == "DynamoDB_20120810.PutItem")
        #expect(sent.headers["Content-Type"] == "application/x-amz-json-1.0")
        #expect(sent.headers["Authorization"]?.contains("/eu-west-1/dynamodb/aws4_request") == true)
        #expect(sent.freshConnection) // PutItem left at the default: mutating
        await #expect { try await client.execute(put) } throws: { ($0 as? AWSError)?.code == "ConditionalCheckFailedException" }
        #expect(transport.requests.count == 2) // a refused condition is final
    }

    @Test func everyProtocolsHeaders() {
        #expect(AWSWireProtocol.json10(targetPrefix: "DynamoDB_20120810").headers(operation: "GetItem", hasBody: true).map { "\($0.name): \($0.value)" }
                == ["X-Amz-Target: DynamoDB_20120810.GetItem", "Content-Type: application/x-amz-json-1.0"])
        #expect(AWSWireProtocol.json11(targetPrefix: "AmazonSSM").headers(operation: "GetParameter", hasBody: true).map { "\($0.name): \($0.value)" }
                == ["X-Amz-Target: AmazonSSM.GetParameter", "Content-Type: application/x-amz-json-1.1"])
        #expect(AWSWireProtocol.restJSON.headers(operation: "DescribeMountTargets", hasBody: false).isEmpty)
        #expect(AWSWireProtocol.restJSON.headers(operation: "CreateMountTarget", hasBody: true).map(\.value) == ["application/json"])
        #expect(AWSWireProtocol.query(version: "2016-11-15").headers(operation: "DescribeSubnets", hasBody: true).map(\.value)
                == ["application/x-www-form-urlencoded; charset=utf-8"])
    }

    @Test func requestsDefaultToMutating() {
        #expect(!AWSServiceRequest(service: .ssm, operation: "PutParameter").idempotent)
    }
}
