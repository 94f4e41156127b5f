import Foundation

/// A seeded emulator deployment: a VPC with a subnet in each of three zones (plus a second
/// subnet in the first zone), security groups, an EFS file system with one mount target in the
/// first zone, an ECS cluster with a Fargate service across the three primary subnets
/// (awsvpc), and the SSM parameter listing the mount targets
/// (`{"mount_targets":[{"mount_target_id","ip_address","availability_zone","subnet_id"}]}`).
///
/// Seeded by `python/moto_scenario.py` with botocore — an independent AWS client — after
/// resetting moto and its auth counter. The application user's keys (`accessKeyId`,
/// `secretAccessKey`) carry only `actions` (default `Scenario.autoscalerActions`).
public struct Scenario: Decodable, Sendable {
    public var endpoint: String
    public var region: String
    public var accessKeyId: String
    public var secretAccessKey: String
    /// An administrator ("*") for test set-up and inspection; the app must not use it.
    public var adminAccessKeyId: String
    public var adminSecretAccessKey: String
    /// Temporary credentials from sts:AssumeRole, when seeded with `assumeRole: true`.
    public var assumed: AssumedRole?
    public var vpcId: String?
    /// The three zones used, sorted by name (in ap-northeast-1: 1a, 1c, 1d).
    public var zones: [String]?
    public var subnetsByAz: [String: [String]]?
    /// The first subnet of each zone, in zone order: the ECS service runs in these.
    public var serviceSubnetIds: [String]?
    /// The mount targets' security group.
    public var securityGroupId: String?
    public var serviceSecurityGroupId: String?
    public var fileSystemId: String?
    public var mountTargetIds: [String]?
    public var mountTargetIpAddress: String?
    public var clusterName: String?
    public var serviceName: String?
    public var parameterName: String?
    public var stateParameterName: String?
    public var taskDefinitionArn: String?
    public var lockTableName: String?

    public struct AssumedRole: Decodable, Sendable {
        public var accessKeyId: String
        public var secretAccessKey: String
        public var sessionToken: String
        public var roleArn: String
    }

    /// Every IAM action the autoscaler calls.
    public static let autoscalerActions = [
        "elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets",
        "elasticfilesystem:CreateMountTarget", "elasticfilesystem:DeleteMountTarget",
        "elasticfilesystem:DescribeMountTargetSecurityGroups", "elasticfilesystem:ModifyMountTargetSecurityGroups",
        "ec2:DescribeSubnets", "ec2:DescribeAvailabilityZones", "ec2:DescribeSecurityGroups",
        "ssm:GetParameter", "ssm:PutParameter",
        "dynamodb:GetItem", "dynamodb:UpdateItem",
        "ecs:DescribeServices", "ecs:UpdateService",
        "ecs:ListTasks", "ecs:DescribeTasks", "ecs:DescribeContainerInstances",
    ]

    /// Resets `server` and seeds it. `seedResources: false` creates only the IAM users.
    /// `serviceInServedZoneOnly` starts the ECS service in the mount target's subnet only (a
    /// converged deployment), instead of in every zone's first subnet. `oneZone` makes the file
    /// system One Zone in the first zone (where its mount target is).
    public static func seed(on server: MotoServer, region: String = "us-east-1", actions: [String] = autoscalerActions,
                            assumeRole: Bool = false, seedResources: Bool = true,
                            serviceInServedZoneOnly: Bool = false, oneZone: Bool = false) async throws -> Scenario {
        var arguments = [TestSupportPaths.python("moto_scenario.py"), "--endpoint", server.endpoint,
                         "--region", region, "--actions", actions.joined(separator: ",")]
        if assumeRole { arguments.append("--assume-role") }
        if !seedResources { arguments.append("--no-scenario") }
        if serviceInServedZoneOnly { arguments += ["--service-subnets", "served"] }
        if oneZone { arguments.append("--one-zone") }
        let output = try await ChildProcess.run("python3", arguments)
        do {
            return try JSONDecoder().decode(Scenario.self, from: output)
        } catch {
            throw MotoServerError("moto_scenario.py printed something that is not a scenario: \(error)")
        }
    }

    /// The application's environment (DESIGN.md §6) pointing at the emulator, with the app
    /// user's static keys. Add or override entries for other credential sources.
    public func environment() -> [String: String] {
        var env: [String: String] = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": region,
            "AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_EC2_METADATA_DISABLED": "true",
            // Never the developer's own ~/.aws files: a path that does not exist reads as empty.
            "AWS_CONFIG_FILE": "/nonexistent/efs-autoscaler-tests/config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/efs-autoscaler-tests/credentials",
        ]
        env["EFS_FILE_SYSTEM_ID"] = fileSystemId
        env["VPC_ID"] = vpcId
        env["SSM_PARAMETER_NAME"] = parameterName
        env["STATE_PARAMETER_NAME"] = stateParameterName
        env["LOCK_TABLE_NAME"] = lockTableName
        env["ECS_CLUSTER_NAME"] = clusterName
        env["ECS_SERVICE_NAME"] = serviceName
        env["SECURITY_GROUP_ID"] = securityGroupId
        // moto's mount targets are available at once and no DNS name has to settle: a scale-out
        // publishes and redeploys in the run that creates it (the default 90 s takes a second run).
        env["MOUNT_TARGET_SETTLE_SECONDS"] = "0"
        return env
    }
}

/// Runs a child process to completion without blocking the Swift concurrency pool.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let output = OutputCollector()
        stdout.fileHandleForReading.readabilityHandler = { output.out.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { output.err.append($0.availableData) }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        output.out.append(stdout.fileHandleForReading.readDataToEndOfFile())
        output.err.append(stderr.fileHandleForReading.readDataToEndOfFile())
        guard status == 0 else {
            throw MotoServerError("\(executable) \(arguments.first ?? "") exited with \(status): \(output.err.text)")
        }
        return output.out.data
    }

    private final class OutputCollector: Sendable {
        let out = OutputBuffer(limit: nil)
        let err = OutputBuffer(limit: 4096)
    }
}
