import Testing
@testable import Scaling

@Suite struct SecurityGroupValidationTests {
    let subnet = Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-0a1b2c3d")
    let inVPC = SecurityGroup(id: "sg-0a1b2c3d", vpcId: "vpc-0a1b2c3d")
    let second = SecurityGroup(id: "sg-0b2", vpcId: "vpc-0a1b2c3d")
    let otherVPC = SecurityGroup(id: "sg-0f0f", vpcId: "vpc-0ffff")

    func problems(_ changes: [String: String?], _ groups: [SecurityGroup]) throws -> [ConfigurationError.Problem] {
        let config = try Configuration.parse(environment(changes))
        do {
            try config.validate(securityGroups: groups, subnets: [subnet])
            return []
        } catch { return error.problems }
    }

    @Test func groupsOfTheVPCPass() throws {
        #expect(try problems([:], [inVPC]).isEmpty)
        #expect(try problems(["SECURITY_GROUP_ID": "sg-0a1b2c3d,sg-0b2"], [inVPC, second]).isEmpty)
    }

    @Test func unknownGroupsAreNamedWithTheWholeValue() throws {
        let found = try problems(["SECURITY_GROUP_ID": "sg-0a1b2c3d,sg-0dead,sg-0beef"], [inVPC])
        #expect(found.map(\.variable) == ["SECURITY_GROUP_ID"])
        #expect(found.first?.value == "sg-0a1b2c3d,sg-0dead,sg-0beef")
        #expect(found.first?.allowed.contains("not found: sg-0dead, sg-0beef") == true)
    }

    @Test func aGroupOfAnotherVPCIsNamedWithItsVPC() throws {
        let found = try problems(["SECURITY_GROUP_ID": "sg-0a1b2c3d,sg-0f0f"], [inVPC, otherVPC])
        #expect(found.map(\.variable) == ["SECURITY_GROUP_ID"])
        #expect(found.first?.allowed.contains("security groups of vpc-0a1b2c3d") == true)
        #expect(found.first?.allowed.contains("sg-0f0f is in vpc-0ffff") == true)
        #expect(found.first?.allowed.contains("sg-0a1b2c3d is in") == false)
    }

    @Test func aGroupOutsideAnyVPCIsRefused() throws {
        let classic = SecurityGroup(id: "sg-0a1b2c3d", vpcId: nil)
        #expect(try problems([:], [classic]).first?.allowed.contains("sg-0a1b2c3d is in no VPC") == true)
    }

    @Test func withoutVPCIdTheSubnetsVPCIsTheOneToMatch() throws {
        let changes: [String: String?] = ["VPC_ID": nil, "SUBNET_IDS": "subnet-0a1", "SECURITY_GROUP_ID": "sg-0f0f"]
        #expect(try problems(changes, [otherVPC]).first?.allowed.contains("security groups of vpc-0a1b2c3d") == true)
        #expect(try problems(changes.merging(["SECURITY_GROUP_ID": "sg-0b2"]) { $1 }, [second]).isEmpty)
    }
}
