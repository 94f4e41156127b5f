import AWSCore
import Testing
import TestSupport
@testable import AWSServices

/// `doctor`'s checks as a whole against the seeded emulator.
@Suite(.serialized) struct PreflightMotoTests {
    @Test func everyCheckPassesOnTheSeededScenario() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let env = scenario.environment()
            let checks = await Preflight(executor: try MotoClient.make(env)).run(PreflightTargets(environment: env))
            #expect(checks.map(\.action) == ["elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets",
                                             "ec2:DescribeSubnets", "ec2:DescribeAvailabilityZones", "ec2:DescribeSecurityGroups",
                                             "ssm:GetParameter", "ecs:DescribeServices", "ecs:ListTasks"])
            #expect(checks.allSatisfy { $0.status == .ok }, "\(checks)")
            #expect(checks[2].detail.contains("4 subnet(s) in 3 zone(s)"))
            #expect(checks[4].detail == "1 group(s) in \(scenario.vpcId!)")
        }
    }

    @Test func aPolicyWithoutAnActionFailsThatCheckWithAccessDenied() async throws {
        try await MotoServer.exclusive { moto in
            let actions = Scenario.autoscalerActions.filter { $0 != "ecs:DescribeServices" && $0 != "ec2:DescribeSubnets" }
            let scenario = try await Scenario.seed(on: moto, actions: actions)
            let env = scenario.environment()
            let checks = await Preflight(executor: try MotoClient.make(env)).run(PreflightTargets(environment: env))
            let failed = checks.filter { $0.status == .failed }
            #expect(failed.map(\.action) == ["ec2:DescribeSubnets", "ecs:DescribeServices"])
            #expect(failed.allSatisfy { $0.code.map { ServiceErrorKind(code: $0) } == .accessDenied }, "\(failed)")
            #expect(checks.filter { $0.status == .ok }.count == 6)
        }
    }

    /// Issue 16: a drain reads the cluster's tasks before it deletes. Without ecs:ListTasks the
    /// doctor says so at deployment, not the first scale-in weeks later.
    @Test func aPolicyWithoutListTasksFailsTheTasksCheck() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, actions: Scenario.autoscalerActions.filter { $0 != "ecs:ListTasks" })
            let env = scenario.environment()
            let checks = await Preflight(executor: try MotoClient.make(env)).run(PreflightTargets(environment: env))
            let failed = checks.filter { $0.status == .failed }
            #expect(failed.map(\.action) == ["ecs:ListTasks"])
            #expect(failed.first?.code.map { ServiceErrorKind(code: $0) } == .accessDenied, "\(failed)")
        }
    }

    /// Before issue 16 a bridge-mode service failed the doctor; the autoscaler now supports it
    /// with MANAGE_SERVICE_SUBNETS=false (its drain places tasks by their container instances).
    @Test func aServiceWithoutAwsvpcWarns() async throws {
        let executor = ReplayExecutor { request, _ in
            let body = request.operation == "DescribeServices"
                ? #"{"services": [{"serviceName": "s", "status": "ACTIVE", "launchType": "EC2", "deployments": []}], "failures": []}"#
                : #"{"taskArns": []}"#
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
        let checks = await Preflight(executor: executor).run(PreflightTargets(environment: ["ECS_CLUSTER_NAME": "c", "ECS_SERVICE_NAME": "s"]))
        let service = try #require(checks.first { $0.action == "ecs:DescribeServices" })
        #expect(service.status == .warning && service.detail.contains("MANAGE_SERVICE_SUBNETS=false"), "\(service)")
        #expect(checks.first { $0.action == "ecs:ListTasks" }?.status == .ok)
    }

    @Test func missingResourcesFailWithTheirCodesAndAMissingParameterWarns() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            var env = scenario.environment()
            env["EFS_FILE_SYSTEM_ID"] = "fs-00000000"
            env["SSM_PARAMETER_NAME"] = "/efs-autoscaler/not-yet"
            env["ECS_SERVICE_NAME"] = "gone"
            env["VPC_ID"] = nil
            env["SUBNET_IDS"] = scenario.serviceSubnetIds!.joined(separator: ",") + ",subnet-0123456789abcdef0"
            env["SECURITY_GROUP_ID"] = "sg-0123456789abcdef0"
            let checks = await Preflight(executor: try MotoClient.make(env)).run(PreflightTargets(environment: env))
            let byAction = Dictionary(uniqueKeysWithValues: checks.map { ($0.action, $0) })
            #expect(byAction["elasticfilesystem:DescribeFileSystems"]?.code == "FileSystemNotFound")
            #expect(byAction["elasticfilesystem:DescribeMountTargets"]?.code == "FileSystemNotFound")
            #expect(byAction["ec2:DescribeSubnets"]?.code == "InvalidSubnetID.NotFound")
            #expect(byAction["ssm:GetParameter"]?.status == .warning)
            #expect(byAction["ssm:GetParameter"]?.code == "ParameterNotFound")
            #expect(byAction["ecs:DescribeServices"]?.code == "ServiceNotFoundException")
            #expect(byAction["ec2:DescribeAvailabilityZones"]?.status == .ok)
            #expect(byAction["ec2:DescribeSecurityGroups"]?.code == "InvalidGroup.NotFound")
        }
    }

    @Test func unsetIdsSkipTheirChecksAndSaySo() async throws {
        let executor = ReplayExecutor { _, _ in Issue.record("no call expected"); return HTTPResponse(status: 500) }
        let checks = await Preflight(executor: executor).run(PreflightTargets(environment: ["ECS_CLUSTER_NAME": "c", "VPC_ID": " "]))
        #expect(checks.allSatisfy { $0.status == .skipped })
        #expect(checks.first?.detail == "EFS_FILE_SYSTEM_ID is not set")
        #expect(checks.first { $0.action == "ecs:DescribeServices" }?.detail == "ECS_SERVICE_NAME not set")
        #expect(checks.last?.action == "ecs:ListTasks" && checks.last?.detail == "no ECS service configured")
        let report = PreflightReport(region: "r", endpoints: [:], credentialsSource: "environment", accessKeyID: "AKIA", credentialsError: nil, checks: checks)
        #expect(report.passed)
        var failing = report
        failing.checks.append(PreflightCheck(action: "x", target: nil, status: .failed, code: "AccessDenied", detail: ""))
        #expect(!failing.passed)
    }
}
