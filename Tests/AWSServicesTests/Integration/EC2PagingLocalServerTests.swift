import AWSCore
import Testing
import TestSupport
@testable import AWSServices

/// moto does not page DescribeSubnets, so `NextToken` following is proven against recorded
/// XML served by a real local HTTP server, through the real client (signing, curl, decoding).
@Suite struct EC2PagingLocalServerTests {
    @Test func describeSubnetsFollowsNextTokenOverHTTP() async throws {
        let pages: [String: (items: [(id: String, zone: String)], next: String?)] = [
            "": ([("subnet-1", "ap-northeast-1a"), ("subnet-2", "ap-northeast-1c")], "page+2/=="),
            "page%2B2%2F%3D%3D": ([("subnet-3", "ap-northeast-1d")], "page3"),
            "page3": ([], nil),
        ]
        try await LocalHTTPServer.withRunning(handler: { request in
            let token = request.bodyText.split(separator: "&").first { $0.hasPrefix("NextToken=") }
                .map { String($0.dropFirst("NextToken=".count)) } ?? ""
            guard request.headers["Authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/") == true,
                  let page = pages[token] else { return .respond(status: 400, text: "unexpected request") }
            return .respond(headers: ["Content-Type": "text/xml"], text: RecordedResponses.describeSubnets(page.items, nextToken: page.next))
        }) { server in
            let client = try MotoClient.make(["AWS_REGION": "ap-northeast-1", "AWS_ENDPOINT_URL_EC2": server.baseURL,
                                              "AWS_ACCESS_KEY_ID": "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY": "secret"])
            let subnets = try await EC2Client(executor: client).describeSubnets(vpcId: "vpc-1")
            #expect(subnets.map(\.subnetId) == ["subnet-1", "subnet-2", "subnet-3"])
            #expect(subnets.map(\.availabilityZone) == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
            #expect(server.requests.count == 3)
            #expect(server.requests.allSatisfy { $0.bodyText.hasPrefix("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1") })
        }
    }
}
