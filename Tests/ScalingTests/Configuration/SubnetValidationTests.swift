import Testing
@testable import Scaling

@Suite struct SubnetValidationTests {
    let inVPC = Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-0a1b2c3d")
    let otherVPC = Subnet(id: "subnet-0b2", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-0ffff")

    func problems(_ config: Configuration, _ subnets: [Subnet]) -> [ConfigurationError.Problem] {
        do {
            try config.validate(subnets: subnets)
            return []
        } catch { return error.problems }
    }

    @Test func subnetsOfTheVPCPass() throws {
        let config = try Configuration.parse(environment(["SUBNET_IDS": "subnet-0a1"]))
        #expect(problems(config, [inVPC]).isEmpty)
    }

    @Test func unknownSubnetIsNamed() throws {
        let config = try Configuration.parse(environment(["SUBNET_IDS": "subnet-0a1,subnet-0dead"]))
        let found = problems(config, [inVPC])
        #expect(found.map(\.variable) == ["SUBNET_IDS"])
        #expect(found.first?.allowed.contains("subnet-0dead") == true)
    }

    @Test func subnetOutsideTheVPCIsNamed() throws {
        let config = try Configuration.parse(environment(["SUBNET_IDS": "subnet-0a1,subnet-0b2"]))
        let found = problems(config, [inVPC, otherVPC])
        #expect(found.map(\.variable) == ["SUBNET_IDS"])
        #expect(found.first?.allowed.contains("subnet-0b2 is in vpc-0ffff") == true)
    }

    @Test func subnetsWithoutVPCMustShareOne() throws {
        let config = try Configuration.parse(environment(["VPC_ID": nil, "SUBNET_IDS": "subnet-0a1,subnet-0b2"]))
        #expect(problems(config, [inVPC, otherVPC]).map(\.variable) == ["SUBNET_IDS"])
        #expect(problems(config, [inVPC, Subnet(id: "subnet-0b2", availabilityZoneName: "x", vpcId: "vpc-0a1b2c3d")]).isEmpty)
    }

    @Test func aVPCWithoutSubnetsIsAnError() throws {
        let config = try Configuration.parse(validEnvironment)
        #expect(problems(config, []).map(\.variable) == ["VPC_ID"])
    }
}
