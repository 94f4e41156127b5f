import Foundation

/// What a seeded emulator holds, read as the administrator by `python/moto_world.py`
/// (botocore): an independent view of what our client did.
public struct MotoWorld: Decodable, Sendable {
    public struct MountTarget: Decodable, Sendable, Equatable {
        public var mountTargetId: String
        public var subnetId: String
        public var availabilityZoneName: String?
        public var ipAddress: String?
        public var lifeCycleState: String
    }

    public struct Parameter: Decodable, Sendable, Equatable {
        public var value: String
        public var version: Int
    }

    /// The lock item (`LOCK_TABLE_NAME`, keyed by file system id).
    public struct LockItem: Decodable, Sendable, Equatable {
        public var owner: String?
        public var state: String?
        public var version: Int
        public var lastCount: String?
    }

    public var mountTargets: [MountTarget]
    /// `nil` when the scenario has no lock table or the item does not exist yet.
    public var lock: LockItem?
    /// Every parameter asked for; `nil` when it does not exist.
    public var parameters: [String: Parameter?]
    public var serviceSubnets: [String]?
    /// Moto gives a forced deployment a new id: a changed id means a new deployment.
    public var deploymentIds: [String]?

    /// The mount targets' AZs, sorted (a duplicate would mean two in one AZ).
    public var mountTargetZones: [String] { mountTargets.compactMap(\.availabilityZoneName).sorted() }

    public func parameter(_ name: String) -> Parameter? { parameters[name] ?? nil }
}

extension Scenario {
    private func worldArguments(_ command: [String]) -> [String] {
        [TestSupportPaths.python("moto_world.py"), "--endpoint", endpoint, "--region", region,
         "--access-key-id", adminAccessKeyId, "--secret-access-key", adminSecretAccessKey] + command
    }

    /// The file system's mount targets, the list and state parameters and the service, now.
    public func world() async throws -> MotoWorld {
        guard let fileSystemId else { throw MotoServerError("the scenario was seeded without resources") }
        var command = ["show", "--file-system-id", fileSystemId]
        for name in [parameterName, stateParameterName].compactMap({ $0 }) { command += ["--parameter", name] }
        if let clusterName, let serviceName { command += ["--cluster", clusterName, "--service", serviceName] }
        if let lockTableName { command += ["--lock-table", lockTableName] }
        let output = try await ChildProcess.run("python3", worldArguments(command))
        do {
            return try JSONDecoder().decode(MotoWorld.self, from: output)
        } catch {
            throw MotoServerError("moto_world.py printed something unexpected: \(error)")
        }
    }

    /// Creates a security group in the scenario's VPC as the administrator (Terraform replacing
    /// the mount targets' group) and returns its id.
    public func createSecurityGroup(name: String) async throws -> String {
        guard let vpcId else { throw MotoServerError("the scenario was seeded without resources") }
        struct Created: Decodable { var groupId: String }
        let output = try await ChildProcess.run("python3", worldArguments(["create-security-group", "--vpc-id", vpcId, "--name", name]))
        return try JSONDecoder().decode(Created.self, from: output).groupId
    }

    /// The groups in effect on a mount target, read as the administrator.
    public func mountTargetSecurityGroups(_ id: String) async throws -> [String] {
        struct Found: Decodable { var securityGroups: [String] }
        let output = try await ChildProcess.run("python3", worldArguments(["mount-target-security-groups", "--mount-target-id", id]))
        return try JSONDecoder().decode(Found.self, from: output).securityGroups
    }

    /// Replaces a mount target's groups as the administrator.
    public func setMountTargetSecurityGroups(_ id: String, _ groups: [String]) async throws {
        _ = try await ChildProcess.run("python3", worldArguments(["set-mount-target-security-groups", "--mount-target-id", id]
            + groups.flatMap { ["--group", $0] }))
    }

    /// Overwrites an SSM parameter as the administrator (a stale or malformed document).
    public func putParameter(_ name: String, value: String) async throws {
        _ = try await ChildProcess.run("python3", worldArguments(["put-parameter", "--name", name, "--value", value]))
    }
}
