import Logging
import Testing
@testable import Scaling

/// A complete, valid environment; each test changes one thing.
let validEnvironment: [String: String] = [
    "TARGET_DIRECTORY": "/mnt/efs/data",
    "EFS_FILE_SYSTEM_ID": "fs-0123456789abcdef0",
    "VPC_ID": "vpc-0a1b2c3d",
    "SSM_PARAMETER_NAME": "/efs/mount-targets",
    "SECURITY_GROUP_ID": "sg-0a1b2c3d",
    "ECS_CLUSTER_NAME": "workers",
    "ECS_SERVICE_NAME": "indexer",
]

func environment(_ changes: [String: String?]) -> [String: String] {
    var env = validEnvironment
    for (key, value) in changes { env[key] = value }
    return env
}

func problems(_ env: [String: String]) -> [ConfigurationError.Problem] {
    do {
        _ = try Configuration.parse(env)
        return []
    } catch {
        return error.problems
    }
}

@Suite struct ConfigurationTests {
    @Test func defaultsMatchTheContract() throws {
        let config = try Configuration.parse(validEnvironment)
        #expect(config.fileCountThreshold == 100_000)
        #expect(config.minMountTargets == 1)
        #expect(config.maxMountTargets == nil)
        #expect(config.scaleInThreshold == nil)
        #expect(config.filesPerMountTarget == nil)
        #expect(config.scaleOutCooldownSeconds == 300)
        #expect(config.scaleInStabilizationSeconds == 900)
        #expect(config.drainTimeoutSeconds == 900)
        #expect(config.countCacheTTLSeconds == 300)
        #expect(config.countConcurrency == Configuration.defaultCountConcurrency)
        #expect(config.countRecursive)
        #expect(!config.manageServiceSubnets)
        #expect(!config.dryRun)
        #expect(config.logLevel == .info)
        #expect(config.logFormat == nil)
        #expect(config.stateParameterName == "/efs/mount-targets/state")
        #expect(config.securityGroupIds == ["sg-0a1b2c3d"])
        #expect(config.serviceConfigured)
    }

    // Ported from the original suite: the default threshold is 100000.
    @Test func defaultThresholdIsOneHundredThousand() throws {
        #expect(try Configuration.parse(environment(["FILE_COUNT_THRESHOLD": nil])).fileCountThreshold == 100_000)
        #expect(try Configuration.parse(environment(["FILE_COUNT_THRESHOLD": "250"])).fileCountThreshold == 250)
    }

    // Ported from the original suite: a non-integer threshold is an error naming the variable and value.
    @Test func nonIntegerThresholdIsAnError() {
        let found = problems(environment(["FILE_COUNT_THRESHOLD": "lots"]))
        #expect(found.map(\.variable) == ["FILE_COUNT_THRESHOLD"])
        #expect(found.first?.value == "lots")
        #expect(found.first?.description.contains("integer") == true)
    }

    // Ported from the original suite: each missing required variable is an error naming it.
    @Test(arguments: ["TARGET_DIRECTORY", "EFS_FILE_SYSTEM_ID", "SSM_PARAMETER_NAME", "SECURITY_GROUP_ID"])
    func missingRequiredVariable(_ variable: String) {
        let found = problems(environment([variable: nil]))
        #expect(found.map(\.variable) == [variable])
        #expect(found.first?.value == nil)
        #expect(problems(environment([variable: "  "])).map(\.variable) == [variable])
    }

    @Test func vpcOrSubnetsAreRequired() {
        #expect(problems(environment(["VPC_ID": nil])).map(\.variable) == ["VPC_ID"])
        #expect(problems(environment(["VPC_ID": nil, "SUBNET_IDS": "subnet-0a1"])).isEmpty)
    }

    static let badValues: [(String, String)] = [
        ("TARGET_DIRECTORY", "relative/path"),
        ("FILE_COUNT_THRESHOLD", "-1"), ("FILE_COUNT_THRESHOLD", "1e5"), ("FILE_COUNT_THRESHOLD", "10.5"),
        ("FILE_COUNT_THRESHOLD", "99999999999999999999999"),
        ("EFS_FILE_SYSTEM_ID", "fs-XYZ"), ("EFS_FILE_SYSTEM_ID", "0123abcd"), ("EFS_FILE_SYSTEM_ID", "fs-"),
        ("VPC_ID", "vpc_0a1b"), ("VPC_ID", "subnet-0a1b"),
        ("SUBNET_IDS", "subnet-0a1,,subnet-0b2"), ("SUBNET_IDS", "subnet-0a1,vpc-0b2"), ("SUBNET_IDS", "subnet-0A1"),
        ("SSM_PARAMETER_NAME", "has space"), ("SSM_PARAMETER_NAME", "no/leading/slash"), ("SSM_PARAMETER_NAME", "/aws/reserved"),
        ("SSM_PARAMETER_NAME", "/trailing/"),
        ("STATE_PARAMETER_NAME", "bad name!"),
        ("ECS_CLUSTER_NAME", "has space"), ("ECS_SERVICE_NAME", "a/b"),
        ("SECURITY_GROUP_ID", "sg-0a1b,sg-zz"), ("SECURITY_GROUP_ID", ","),
        ("MIN_MOUNT_TARGETS", "0"), ("MIN_MOUNT_TARGETS", "-2"), ("MIN_MOUNT_TARGETS", "one"),
        ("MAX_MOUNT_TARGETS", "0"), ("MAX_MOUNT_TARGETS", "2.5"),
        ("SCALE_IN_THRESHOLD", "-5"), ("SCALE_IN_THRESHOLD", "ten"),
        ("FILES_PER_MOUNT_TARGET", "0"), ("FILES_PER_MOUNT_TARGET", "-100"),
        ("SCALE_OUT_COOLDOWN_SECONDS", "-1"), ("SCALE_OUT_COOLDOWN_SECONDS", "5m"), ("SCALE_OUT_COOLDOWN_SECONDS", "604801"),
        ("SCALE_IN_STABILIZATION_SECONDS", "x"), ("DRAIN_TIMEOUT_SECONDS", "-30"), ("COUNT_CACHE_TTL_SECONDS", "soon"),
        ("COUNT_CONCURRENCY", "0"), ("COUNT_CONCURRENCY", "1025"), ("COUNT_CONCURRENCY", "100000"),
        ("COUNT_RECURSIVE", "maybe"), ("MANAGE_SERVICE_SUBNETS", "yes please"), ("DRY_RUN", "2"),
        ("LOG_LEVEL", "verbose"), ("LOG_FORMAT", "xml"),
        ("AWS_REGION", "Tokyo"), ("AWS_DEFAULT_REGION", "us_east_1"),
        ("AWS_ENDPOINT_URL", "localhost:4566"), ("AWS_ENDPOINT_URL_EFS", "ftp://x"),
    ]

    @Test(arguments: badValues)
    func badValueNamesVariableValueAndWhatIsAllowed(_ variable: String, _ value: String) {
        let found = problems(environment([variable: value]))
        #expect(found.map(\.variable) == [variable], "\(variable)=\(value)")
        #expect(found.first?.value == value)
        #expect(found.first?.allowed.isEmpty == false)
        #expect(found.first?.description.contains(variable) == true)
    }

    @Test func everyProblemIsCollectedAtOnce() {
        let found = problems(environment([
            "TARGET_DIRECTORY": nil, "FILE_COUNT_THRESHOLD": "abc", "MIN_MOUNT_TARGETS": "0", "LOG_FORMAT": "yaml",
            "EFS_FILE_SYSTEM_ID": "fs-XY",
        ]))
        #expect(Set(found.map(\.variable))
            == ["TARGET_DIRECTORY", "FILE_COUNT_THRESHOLD", "MIN_MOUNT_TARGETS", "LOG_FORMAT", "EFS_FILE_SYSTEM_ID"])
    }

    @Test func crossFieldRules() {
        #expect(problems(environment(["MIN_MOUNT_TARGETS": "3", "MAX_MOUNT_TARGETS": "2"])).map(\.variable) == ["MIN_MOUNT_TARGETS"])
        #expect(problems(environment(["MIN_MOUNT_TARGETS": "2", "MAX_MOUNT_TARGETS": "2"])).isEmpty)
        #expect(problems(environment(["SCALE_IN_THRESHOLD": "100000"])).map(\.variable) == ["SCALE_IN_THRESHOLD"])
        #expect(problems(environment(["SCALE_IN_THRESHOLD": "99999"])).isEmpty)
        #expect(problems(environment(["SCALE_IN_THRESHOLD": "600", "FILE_COUNT_THRESHOLD": "500"])).map(\.variable)
            == ["SCALE_IN_THRESHOLD"])
        #expect(problems(environment(["ECS_SERVICE_NAME": nil])).map(\.variable) == ["ECS_SERVICE_NAME"])
        #expect(problems(environment(["ECS_CLUSTER_NAME": nil])).map(\.variable) == ["ECS_CLUSTER_NAME"])
        #expect(problems(environment(["ECS_CLUSTER_NAME": nil, "ECS_SERVICE_NAME": nil])).isEmpty)
        #expect(problems(environment(["ECS_CLUSTER_NAME": nil, "ECS_SERVICE_NAME": nil, "MANAGE_SERVICE_SUBNETS": "true"]))
            .map(\.variable) == ["MANAGE_SERVICE_SUBNETS"])
        #expect(problems(environment(["STATE_PARAMETER_NAME": "/efs/mount-targets"])).map(\.variable) == ["STATE_PARAMETER_NAME"])
        // A bad value is reported once, not again by the cross-field rule that uses it.
        #expect(problems(environment(["MIN_MOUNT_TARGETS": "x", "MAX_MOUNT_TARGETS": "2"])).map(\.variable) == ["MIN_MOUNT_TARGETS"])
    }

    @Test func valuesAreParsed() throws {
        let config = try Configuration.parse(environment([
            "SUBNET_IDS": " subnet-0a1 , subnet-0b2,subnet-0a1", "SECURITY_GROUP_ID": "sg-01, sg-02",
            "MIN_MOUNT_TARGETS": "2", "MAX_MOUNT_TARGETS": "3", "SCALE_IN_THRESHOLD": "40000",
            "FILES_PER_MOUNT_TARGET": "50000", "SCALE_OUT_COOLDOWN_SECONDS": "0", "DRAIN_TIMEOUT_SECONDS": "120",
            "COUNT_CONCURRENCY": "8", "COUNT_RECURSIVE": "false", "MANAGE_SERVICE_SUBNETS": "TRUE", "DRY_RUN": "1",
            "LOG_LEVEL": "warn", "LOG_FORMAT": "text", "AWS_REGION": "ap-northeast-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "COUNT_CACHE_TTL_SECONDS": "",
        ]))
        #expect(config.subnetIds == ["subnet-0a1", "subnet-0b2"])
        #expect(config.securityGroupIds == ["sg-01", "sg-02"])
        #expect(config.minMountTargets == 2 && config.maxMountTargets == 3)
        #expect(config.scaleInThreshold == 40000 && config.filesPerMountTarget == 50000)
        #expect(config.scaleOutCooldownSeconds == 0 && config.drainTimeoutSeconds == 120)
        #expect(config.countCacheTTLSeconds == 300, "blank optional means default")
        #expect(config.countConcurrency == 8 && !config.countRecursive)
        #expect(config.manageServiceSubnets && config.dryRun)
        #expect(config.logLevel == .warning && config.logFormat == .text)
        #expect(config.region == "ap-northeast-1")
        #expect(config.policy.filesPerMountTarget == 50000 && config.policy.manageServiceSubnets)
    }

    @Test func stateParameterDefaultIsAValidSSMName() throws {
        let flat = try Configuration.parse(environment(["SSM_PARAMETER_NAME": "efs-mount-targets"]))
        #expect(flat.stateParameterName == "/efs-mount-targets/state")
        #expect(ResourceIdentifier.isParameterName(flat.stateParameterName))
        let explicit = try Configuration.parse(environment(["STATE_PARAMETER_NAME": "/ops/autoscaler-state"]))
        #expect(explicit.stateParameterName == "/ops/autoscaler-state")
    }
}
