import AWSCore
import Testing
@testable import AWSServices

@Suite struct EC2ClientTests {
    @Test func describeSubnetsEncodesFiltersAsAFormBody() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeSubnets([("subnet-1", "us-east-1a")], nextToken: nil))
        let subnets = try await EC2Client(executor: executor).describeSubnets(vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"])
        #expect(subnets == [EC2Subnet(subnetId: "subnet-1", vpcId: "vpc-d0324d55b1bff6968", availabilityZone: "us-east-1a",
                                      availabilityZoneId: "use1-az6", cidrBlock: "10.0.1.0/24", availableIPAddressCount: 251, state: "available")])
        let request = try #require(executor.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/")
        #expect(request.headers["Content-Type"] == nil) // protocol headers are AWSClient's to set
        #expect(request.formPairs == ["Action=DescribeSubnets", "Version=2016-11-15", "Filter.1.Name=vpc-id",
                                      "Filter.1.Value.1=vpc-1", "SubnetId.1=subnet-1", "SubnetId.2=subnet-2"])
    }

    @Test func describeSubnetsFollowsNextToken() async throws {
        // Tokens as EC2 sends them: base64 with characters that need %XX in a form body.
        let tokens: [String?: (items: [(String, String)], next: String?)] = [
            nil: ([("subnet-1", "us-east-1a"), ("subnet-2", "us-east-1b")], "eyJ2IjoxfQ==/+a"),
            "eyJ2IjoxfQ==/+a": ([("subnet-3", "us-east-1c")], "t2"),
            "t2": ([], nil),
        ]
        let executor = ReplayExecutor { request, _ in
            let token = request.formPairs.first { $0.hasPrefix("NextToken=") }.map { String($0.dropFirst("NextToken=".count)) }
                .map { $0.replacingOccurrences(of: "%3D", with: "=").replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%2B", with: "+") }
            let page = try #require(tokens[token])
            return HTTPResponse(status: 200, body: Array(RecordedResponses.describeSubnets(page.items, nextToken: page.next).utf8))
        }
        let subnets = try await EC2Client(executor: executor).describeSubnets(vpcId: "vpc-1")
        #expect(subnets.map(\.subnetId) == ["subnet-1", "subnet-2", "subnet-3"])
        #expect(executor.requests.count == 3)
        #expect(executor.requests[1].formPairs.last == "NextToken=eyJ2IjoxfQ%3D%3D%2F%2Ba")
    }

    @Test func describeSubnetsNeedsAFilter() async throws {
        let executor = ReplayExecutor(body: "")
        await #expect(throws: ServiceInputError.self) { try await EC2Client(executor: executor).describeSubnets() }
        #expect(executor.requests.isEmpty)
    }

    @Test func aSubnetWithoutIdIsAResponseError() async throws {
        let executor = ReplayExecutor(body: "<DescribeSubnetsResponse><subnetSet><item><vpcId>vpc-1</vpcId></item></subnetSet></DescribeSubnetsResponse>")
        let error = await #expect(throws: ServiceResponseError.self) { try await EC2Client(executor: executor).describeSubnets(vpcId: "vpc-1") }
        #expect(error?.reason.contains("subnetId") == true)
    }

    @Test func describeSecurityGroupsSendsGroupIdNAndReadsTheVPC() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeSecurityGroups)
        let groups = try await EC2Client(executor: executor).describeSecurityGroups(groupIds: ["sg-4309d6b76f00e5c3a", "sg-2"])
        // The egress rule's nested <item>s are not groups.
        #expect(groups == [EC2SecurityGroup(groupId: "sg-4309d6b76f00e5c3a", vpcId: "vpc-5a04d940871543546", groupName: "x")])
        #expect(executor.requests.first?.formPairs == ["Action=DescribeSecurityGroups", "Version=2016-11-15",
                                                      "GroupId.1=sg-4309d6b76f00e5c3a", "GroupId.2=sg-2"])
    }

    @Test func describeSecurityGroupsNeedsAnId() async throws {
        let executor = ReplayExecutor(body: "")
        await #expect(throws: ServiceInputError.self) { try await EC2Client(executor: executor).describeSecurityGroups(groupIds: []) }
        #expect(executor.requests.isEmpty)
    }

    @Test func aSecurityGroupWithoutIdIsAResponseError() async throws {
        let executor = ReplayExecutor(body: "<DescribeSecurityGroupsResponse><securityGroupInfo><item><vpcId>vpc-1</vpcId></item></securityGroupInfo></DescribeSecurityGroupsResponse>")
        let error = await #expect(throws: ServiceResponseError.self) { try await EC2Client(executor: executor).describeSecurityGroups(groupIds: ["sg-1"]) }
        #expect(error?.reason.contains("groupId") == true)
    }

    @Test func describeSecurityGroupsStopsOnARepeatedToken() async throws {
        let page = RecordedResponses.describeSecurityGroups.replacingOccurrences(of: "<requestId>", with: "<nextToken>same</nextToken><requestId>")
        let executor = ReplayExecutor(body: page)
        let error = await #expect(throws: ServiceResponseError.self) { try await EC2Client(executor: executor).describeSecurityGroups(groupIds: ["sg-1"]) }
        #expect(error?.reason.contains("nextToken repeats") == true)
        #expect(executor.requests.count == 2)
    }

    @Test func availabilityZonesKeepGapsAndStates() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeAvailabilityZonesTokyo)
        let zones = try await EC2Client(executor: executor).describeAvailabilityZones()
        #expect(zones.map(\.zoneName) == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
        #expect(zones.map(\.zoneId) == ["apne1-az4", "apne1-az1", "apne1-az2"])
        #expect(zones.map(\.isAvailable) == [true, true, false])
        #expect(executor.requests.first?.formPairs == ["Action=DescribeAvailabilityZones", "Version=2016-11-15"])
    }

    @Test func availabilityZoneNamesAreSentAsZoneNameN() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeAvailabilityZonesTokyo)
        _ = try await EC2Client(executor: executor).describeAvailabilityZones(zoneNames: ["ap-northeast-1a", "ap-northeast-1c"])
        #expect(executor.requests.first?.formPairs.suffix(2) == ["ZoneName.1=ap-northeast-1a", "ZoneName.2=ap-northeast-1c"])
    }
    @Test func anIPv6OnlySubnetSaysSo() async throws {
        // Shaped like EC2's DescribeSubnets for an IPv6-only subnet: no cidrBlock, 0 free IPv4 addresses.
        let body = #"<?xml version="1.0" encoding="UTF-8"?><DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><subnetSet><item><subnetId>subnet-6</subnetId><state>available</state><vpcId>vpc-1</vpcId><availableIpAddressCount>0</availableIpAddressCount><availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az6</availabilityZoneId><ipv6CidrBlockAssociationSet><item><ipv6CidrBlock>2600:1f18:abc:de00::/64</ipv6CidrBlock><associationId>a</associationId><ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState></item></ipv6CidrBlockAssociationSet><ipv6Native>true</ipv6Native></item><item><subnetId>subnet-4</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.1.0/24</cidrBlock><availableIpAddressCount>250</availableIpAddressCount><availabilityZone>us-east-1a</availabilityZone><ipv6Native>false</ipv6Native></item></subnetSet></DescribeSubnetsResponse>"#
        let subnets = try await EC2Client(executor: ReplayExecutor(body: body)).describeSubnets(vpcId: "vpc-1")
        #expect(subnets.map(\.ipv6Native) == [true, false])
        #expect(subnets.map(\.hasIPv6CidrBlock) == [true, false])
        #expect(subnets.map(\.availableIPAddressCount) == [0, 250])
        let moto = try await EC2Client(executor: ReplayExecutor(body: RecordedResponses.describeSubnets([("subnet-1", "us-east-1a")], nextToken: nil)))
            .describeSubnets(vpcId: "vpc-1")
        #expect(moto.first?.ipv6Native == false, "absent means not IPv6-only")
    }
}
