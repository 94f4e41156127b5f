import Testing
@testable import AWSCore

@Suite struct RegionResolverTests {
    @Test func precedenceIsAWSRegionThenDefaultThenProfile() throws {
        let files = try TempAWSFiles(config: "[default]\nregion = ap-southeast-2\n")
        let profile = try SharedConfig.load(environment: files.environment())
        #expect(try RegionResolver.resolve(environment: ["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1"], profile: profile) == "eu-west-1")
        #expect(try RegionResolver.resolve(environment: ["AWS_REGION": "", "AWS_DEFAULT_REGION": "us-east-1"], profile: profile) == "us-east-1")
        #expect(try RegionResolver.resolve(environment: [:], profile: profile) == "ap-southeast-2")
    }

    @Test func noRegionIsAClearError() {
        #expect {
            try RegionResolver.resolve(environment: [:], profile: nil)
        } throws: { error in
            "\(error)".contains("AWS_REGION") && "\(error)".contains("no region")
        }
    }

    @Test(arguments: ["EU-WEST-1", "eu west 1", "eu-west-1/../x", "-eu", "eu-west-1."])
    func malformedRegionIsRejectedNamingTheVariable(_ value: String) {
        #expect {
            try RegionResolver.resolve(environment: ["AWS_REGION": value], profile: nil)
        } throws: { error in
            let e = error as? AWSConfigurationError
            return e?.setting == "AWS_REGION" && e?.value == value
        }
    }
}

@Suite struct EndpointResolverTests {
    @Test func standardHostsPerPartition() throws {
        #expect(try EndpointResolver.resolve(service: .efs, region: "eu-west-1", environment: [:]).description == "https://elasticfilesystem.eu-west-1.amazonaws.com")
        #expect(try EndpointResolver.resolve(service: .ssm, region: "cn-north-1", environment: [:]).description == "https://ssm.cn-north-1.amazonaws.com.cn")
        #expect(try EndpointResolver.resolve(service: .ec2, region: "us-gov-west-1", environment: [:]).description == "https://ec2.us-gov-west-1.amazonaws.com")
        #expect(EndpointResolver.partition(forRegion: "us-gov-west-1") == "aws-us-gov")
        #expect(EndpointResolver.partition(forRegion: "cn-north-1") == "aws-cn")
        #expect(EndpointResolver.partition(forRegion: "eu-west-1") == "aws")
    }

    @Test func serviceSpecificOverrideBeatsGlobal() throws {
        let env = ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000/", "AWS_ENDPOINT_URL_EFS": "http://localhost:4566/base/"]
        let efs = try EndpointResolver.resolve(service: .efs, region: "eu-west-1", environment: env)
        #expect(efs == Endpoint(scheme: "http", host: "localhost", port: 4566, basePath: "/base"))
        let ssm = try EndpointResolver.resolve(service: .ssm, region: "eu-west-1", environment: env)
        #expect(ssm.description == "http://127.0.0.1:5000")
        let v6 = try Endpoint.parse("https://[::1]:8443", setting: "X")
        #expect(v6.host == "[::1]" && v6.port == 8443 && v6.hostHeader == "[::1]:8443")
        #expect(try Endpoint.parse("https://h:443", setting: "X").hostHeader == "h")
    }

    @Test(arguments: ["ftp://x", "127.0.0.1:5000", "http://", "http://h:port", "http://h:70000", "http://h/?a=b", "http://u@h", "http://h x"])
    func invalidOverrideIsAnErrorNamingTheVariable(_ value: String) {
        #expect {
            try EndpointResolver.resolve(service: .ecs, region: "eu-west-1", environment: ["AWS_ENDPOINT_URL_ECS": value])
        } throws: { error in
            let e = error as? AWSConfigurationError
            return e?.setting == "AWS_ENDPOINT_URL_ECS" && e?.value == value && "\(error)".contains("http(s) URL")
        }
        #expect(throws: AWSConfigurationError.self) {
            try EndpointResolver.validateOverrides(environment: ["AWS_ENDPOINT_URL_SSM": value])
        }
    }
}
