import AWSCore
import AWSServices
import Foundation
import Logging
import Scaling
import Testing
import TestSupport
@testable import EFSAutoscalerCLI

/// `doctor`'s checks as a whole against the seeded emulator: the configuration, the target
/// directory and every step of the run's own preflight, each reported. (These were the
/// AWSServices `Preflight` tests; the checks are now the run's, not a copy of them.)
@Suite(.serialized) struct DoctorMotoTests {
    static func report(_ environment: [String: String], transport: any HTTPTransport = CurlTransport(environment: [:])) async -> PreflightReport {
        var environment = environment
        environment["TARGET_DIRECTORY"] = environment["TARGET_DIRECTORY"] ?? NSTemporaryDirectory()
        let settings = Result { () throws(ConfigurationError) in try Settings.parse(environment) }
        return await DoctorRunner.report(settings: settings, environment: environment, transport: transport,
                                         logger: Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test func everyCheckPassesOnTheSeededScenario() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let checks = await Self.report(scenario.environment()).checks
            #expect(checks.map(\.action) == ["configuration", "target directory", "state document", "mount-target list",
                                             "subnets", "security groups", "file system", "mount targets", "service"])
            #expect(checks.allSatisfy { $0.status == .ok }, "\(checks)")
            #expect(checks[4].detail.contains("4 subnet(s) in 3 zone(s)"))
            #expect(checks[5].detail == "1 group(s) in \(scenario.vpcId!)")
        }
    }

    @Test func aPolicyWithoutAnActionFailsThatCheckWithAccessDenied() async throws {
        try await MotoServer.exclusive { moto in
            let actions = Scenario.autoscalerActions.filter { $0 != "ecs:DescribeServices" && $0 != "ec2:DescribeSubnets" }
            let scenario = try await Scenario.seed(on: moto, actions: actions)
            let checks = await Self.report(scenario.environment()).checks
            let failed = checks.filter { $0.status == .failed }
            #expect(failed.map(\.action) == ["subnets", "service"])
            #expect(failed.allSatisfy { $0.code.map { ServiceErrorKind(code: $0) } == .accessDenied }, "\(failed)")
            #expect(checks.filter { $0.status == .ok }.count == 7)
        }
    }

    @Test func missingResourcesFailWithTheRunsMessagesAndAMissingParameterWarns() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            var env = scenario.environment()
            env["EFS_FILE_SYSTEM_ID"] = "fs-00000000"
            env["SSM_PARAMETER_NAME"] = "/efs-autoscaler/not-yet"
            env["STATE_PARAMETER_NAME"] = nil
            env["ECS_SERVICE_NAME"] = "gone"
            env["VPC_ID"] = nil
            env["SUBNET_IDS"] = scenario.serviceSubnetIds!.joined(separator: ",") + ",subnet-0123456789abcdef0"
            env["SECURITY_GROUP_ID"] = "sg-0123456789abcdef0"
            let checks = await Self.report(env).checks
            let byAction = Dictionary(uniqueKeysWithValues: checks.map { ($0.action, $0) })
            #expect(byAction["mount targets"]?.code == "FileSystemNotFound")
            #expect(byAction["subnets"]?.code == "ConfigurationError")
            #expect(byAction["subnets"]?.detail.contains("not found: subnet-0123456789abcdef0") == true)
            #expect(byAction["mount-target list"]?.status == .warning)
            #expect(byAction["state document"]?.status == .ok)
            #expect(byAction["service"]?.code == "ServiceNotFoundException")
            #expect(byAction["security groups"]?.detail.contains("not found: sg-0123456789abcdef0") == true)
            #expect(byAction["file system"]?.code == "FileSystemNotFound")
            #expect(checks.filter { $0.status == .failed }.map(\.action) == ["subnets", "security groups", "file system", "mount targets", "service"])
        }
    }

    /// A configuration a run would refuse: every problem is a failed check, and the preflight
    /// (which needs a valid configuration) is skipped, saying so, without a call.
    @Test func anInvalidConfigurationIsReportedProblemByProblemWithoutACall() async throws {
        let env = ["ECS_CLUSTER_NAME": "c", "VPC_ID": " ", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
                   "AWS_SECRET_ACCESS_KEY": "secret", "AWS_EC2_METADATA_DISABLED": "true",
                   "AWS_CONFIG_FILE": "/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/s"]
        let report = await Self.report(env, transport: NoCalls())
        let failed = report.checks.filter { $0.status == .failed }
        #expect(failed.map(\.target) == ["EFS_FILE_SYSTEM_ID", "SSM_PARAMETER_NAME", "SECURITY_GROUP_ID", "VPC_ID", "ECS_SERVICE_NAME"])
        #expect(failed.allSatisfy { $0.action == "configuration" && $0.code == "ConfigurationError" })
        #expect(failed.first?.detail == "EFS_FILE_SYSTEM_ID is not set: expected an EFS file system id like fs-0123456789abcdef0")
        #expect(report.checks.last?.status == .skipped)
        #expect(!report.passed)
        var passing = report
        passing.checks = [PreflightCheck(action: "service", target: nil, status: .skipped, detail: "not set")]
        #expect(passing.passed)
        passing.checks.append(PreflightCheck(action: "x", target: nil, status: .warning, detail: ""))
        #expect(passing.passed, "warnings do not fail")
    }

    struct NoCalls: HTTPTransport {
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            Issue.record("no call expected: \(request)")
            return HTTPResponse(status: 500)
        }
    }
}
