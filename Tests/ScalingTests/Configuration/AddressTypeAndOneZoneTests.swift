import Testing
@testable import Scaling

/// `MOUNT_TARGET_IP_ADDRESS_TYPE` and the One Zone rules of the preflight (issue 17).
@Suite struct AddressTypeAndOneZoneTests {
    @Test func theAddressTypeDefaultsToIPv4OnlyAndAcceptsTheThreeValues() throws {
        #expect(try Configuration.parse(validEnvironment).mountTargetIpAddressType == .ipv4Only)
        #expect(try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": " "])).mountTargetIpAddressType == .ipv4Only)
        for type in MountTargetIPAddressType.allCases {
            let parsed = try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": type.rawValue]))
            #expect(parsed.mountTargetIpAddressType == type)
            #expect(parsed.policy.ipAddressType == type)
        }
        #expect(try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": "dual_stack"])).mountTargetIpAddressType == .dualStack)
    }

    @Test(arguments: ["IPV6", "IPv4", "DUALSTACK", "ipv4-only"])
    func anotherAddressTypeNamesTheVariableTheValueAndTheChoices(_ value: String) {
        let found = problems(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": value]))
        #expect(found.map(\.variable) == ["MOUNT_TARGET_IP_ADDRESS_TYPE"])
        let text = found.first?.description ?? ""
        #expect(text.contains("MOUNT_TARGET_IP_ADDRESS_TYPE=\"\(value)\""), "\(text)")
        #expect(text.contains("IPV4_ONLY") && text.contains("DUAL_STACK") && text.contains("IPV6_ONLY"), "\(text)")
    }

    @Test func theConfiguredGroupsBecomeThePolicy() throws {
        let parsed = try Configuration.parse(environment(["SECURITY_GROUP_ID": "sg-0a1b2c3d, sg-0e0f"]))
        #expect(parsed.policy.securityGroupIds == ["sg-0a1b2c3d", "sg-0e0f"])
    }

    let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-0a1b2c3d"),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-0a1b2c3d"),
    ]

    @Test func aOneZoneFileSystemRefusesAMinimumAboveOne() throws {
        let configuration = try Configuration.parse(environment(["MIN_MOUNT_TARGETS": "2"]))
        let oneZone = FileSystem(id: "fs-0123456789abcdef0", availabilityZoneName: "ap-northeast-1c")
        let error = #expect(throws: ConfigurationError.self) { try configuration.validate(fileSystem: oneZone, subnets: subnets) }
        #expect(error?.variables == ["MIN_MOUNT_TARGETS"])
        #expect(error?.description.contains("MIN_MOUNT_TARGETS=\"2\"") == true)
        #expect(error?.description.contains("One Zone file system in ap-northeast-1c, which allows one mount target") == true,
                "\(error?.description ?? "")")
        // MAX above 1 is a bound, not a demand; a regional file system takes any minimum.
        try Configuration.parse(environment(["MAX_MOUNT_TARGETS": "3"])).validate(fileSystem: oneZone, subnets: subnets)
        try configuration.validate(fileSystem: FileSystem(id: "fs-0123456789abcdef0"), subnets: subnets)
    }

    @Test func aOneZoneFileSystemNeedsAnEligibleSubnetInItsZone() throws {
        let configuration = try Configuration.parse(environment(["SUBNET_IDS": "subnet-0a1"]))
        let oneZone = FileSystem(id: "fs-0123456789abcdef0", availabilityZoneName: "ap-northeast-1c")
        let error = #expect(throws: ConfigurationError.self) {
            try configuration.validate(fileSystem: oneZone, subnets: [subnets[0]])
        }
        #expect(error?.variables == ["SUBNET_IDS"])
        #expect(error?.description.contains("a subnet in ap-northeast-1c") == true, "\(error?.description ?? "")")
    }
}
