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

/// The address type against the kinds of the eligible subnets (preflight).
@Suite struct AddressTypeSubnetKindTests {
    let ipv4 = Subnet(id: "subnet-04", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 0)
    let ipv6 = Subnet(id: "subnet-06", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-0a1b2c3d", availableIpAddressCount: 0,
                      ipv6Native: true)

    @Test func ipv6OnlyNeedsAnIPv6OnlySubnet() throws {
        let configuration = try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": "IPV6_ONLY"]))
        let error = #expect(throws: ConfigurationError.self) { try configuration.validate(addressTypeOf: [ipv4]) }
        #expect(error?.variables == ["MOUNT_TARGET_IP_ADDRESS_TYPE"])
        #expect(error?.description.contains("MOUNT_TARGET_IP_ADDRESS_TYPE=\"IPV6_ONLY\"") == true)
        #expect(error?.description.contains("none of them is IPv6-only") == true, "\(error?.description ?? "")")
        try configuration.validate(addressTypeOf: [ipv4, ipv6])
    }

    @Test func ipv4NeedsASubnetWithAnIPv4RangeButAFullOneIsNoConfigurationError() throws {
        let configuration = try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": "IPV4_ONLY"]))
        let error = #expect(throws: ConfigurationError.self) { try configuration.validate(addressTypeOf: [ipv6]) }
        #expect(error?.description.contains("all of them are IPv6-only; use IPV6_ONLY") == true, "\(error?.description ?? "")")
        try configuration.validate(addressTypeOf: [ipv4])
    }

    @Test func dualStackNeedsASubnetWithBothRanges() throws {
        let configuration = try Configuration.parse(environment(["MOUNT_TARGET_IP_ADDRESS_TYPE": "DUAL_STACK"]))
        var ipv4Only = ipv4
        ipv4Only.hasIPv6CidrBlock = false
        let error = #expect(throws: ConfigurationError.self) { try configuration.validate(addressTypeOf: [ipv4Only, ipv6]) }
        #expect(error?.description.contains("none of them is dual-stack; use IPV6_ONLY or IPV4_ONLY") == true, "\(error?.description ?? "")")
        var dual = ipv4
        dual.hasIPv6CidrBlock = true
        try configuration.validate(addressTypeOf: [ipv4Only, dual])
        try configuration.validate(addressTypeOf: [ipv4]) // unknown (not described) counts as dual-stack
    }
}
