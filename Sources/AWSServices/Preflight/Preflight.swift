import AWSCore

/// The read-only calls the autoscaler depends on, made with the configured ids, each turned
/// into a `PreflightCheck` instead of an exception, so one report shows every problem at once.
///
/// Decisions:
/// - `ParameterNotFound` on `SSM_PARAMETER_NAME` is a warning: on a fresh deployment the
///   autoscaler publishes the parameter on its first run, so its absence is expected, and a
///   doctor that fails every new install would teach operators to ignore it. Access denied on
///   the same call still fails.
/// - A file system that is not `available`, a VPC without subnets, subnet ids that do not all
///   exist, and security groups that do not exist or sit in another VPC fail: the autoscaler
///   cannot act on them. An ECS service without awsvpc networking warns: it works with
///   `MANAGE_SERVICE_SUBNETS=false` (the run itself refuses `true` for it).
/// - Calls run one after another: the doctor is for humans, and sequential calls keep the
///   emulator and the request log easy to read.
public struct Preflight: Sendable {
    public let efs: EFSClient
    public let ec2: EC2Client
    public let ssm: SSMClient
    public let ecs: ECSClient

    public init(executor: any AWSRequestExecutor) {
        efs = EFSClient(executor: executor)
        ec2 = EC2Client(executor: executor)
        ssm = SSMClient(executor: executor)
        ecs = ECSClient(executor: executor)
    }

    public func run(_ targets: PreflightTargets) async -> [PreflightCheck] {
        var checks: [PreflightCheck] = []
        checks += await fileSystemChecks(targets.fileSystemID)
        checks += await networkChecks(vpcID: targets.vpcID, subnetIDs: targets.subnetIDs, securityGroupIDs: targets.securityGroupIDs)
        checks.append(await parameterCheck(targets.parameterName))
        checks.append(await serviceCheck(cluster: targets.clusterName, service: targets.serviceName))
        checks.append(await tasksCheck(cluster: targets.clusterName, service: targets.serviceName))
        return checks
    }

    private func fileSystemChecks(_ id: String?) async -> [PreflightCheck] {
        let describeFS = "elasticfilesystem:DescribeFileSystems", describeMT = "elasticfilesystem:DescribeMountTargets"
        guard let id else {
            return [describeFS, describeMT].map { .init(action: $0, target: nil, status: .skipped, detail: "EFS_FILE_SYSTEM_ID is not set") }
        }
        let fsCheck = await check(describeFS, target: id) {
            let fs = try await efs.describeFileSystem(id: id)
            let state = fs.lifeCycleState
            return (state == .available ? .ok : .failed, "life cycle state \(state), \(fs.numberOfMountTargets ?? 0) mount target(s)")
        }
        let mtCheck = await check(describeMT, target: id) {
            let targets = try await efs.describeMountTargets(fileSystemID: id)
            let zones = targets.compactMap(\.availabilityZoneName).sorted()
            return (.ok, "\(targets.count) mount target(s)" + (zones.isEmpty ? "" : " in " + zones.joined(separator: ", ")))
        }
        return [fsCheck, mtCheck]
    }

    private func networkChecks(vpcID: String?, subnetIDs: [String], securityGroupIDs: [String]) async -> [PreflightCheck] {
        let subnetsAction = "ec2:DescribeSubnets", zonesAction = "ec2:DescribeAvailabilityZones"
        guard vpcID != nil || !subnetIDs.isEmpty else {
            return [subnetsAction, zonesAction].map { .init(action: $0, target: nil, status: .skipped, detail: "neither VPC_ID nor SUBNET_IDS is set") }
                + [await securityGroupCheck(securityGroupIDs, vpcID: nil)]
        }
        let target = ([vpcID].compactMap { $0 } + subnetIDs).joined(separator: ",")
        var subnetVPCs: Set<String> = []
        let subnets = await check(subnetsAction, target: target) {
            let found = try await ec2.describeSubnets(vpcID: vpcID, subnetIDs: subnetIDs)
            subnetVPCs = Set(found.map(\.vpcID))
            let missing = Set(subnetIDs).subtracting(found.map(\.subnetID))
            if found.isEmpty { return (.failed, "no subnets found") }
            if !missing.isEmpty { return (.failed, "subnets not in the VPC: " + missing.sorted().joined(separator: ", ")) }
            let zones = Set(found.map(\.availabilityZone)).sorted()
            return (.ok, "\(found.count) subnet(s) in \(zones.count) zone(s): " + zones.joined(separator: ", "))
        }
        let zones = await check(zonesAction, target: nil) {
            let zones = try await ec2.describeAvailabilityZones()
            let available = zones.filter(\.isAvailable).map(\.zoneName)
            return (available.isEmpty ? .failed : .ok, "\(available.count) available zone(s): " + available.joined(separator: ", "))
        }
        let vpc = vpcID ?? (subnetVPCs.count == 1 ? subnetVPCs.first : nil)
        return [subnets, zones, await securityGroupCheck(securityGroupIDs, vpcID: vpc)]
    }

    /// The mount targets' groups exist and, when the VPC is known, belong to it: EFS rejects a
    /// group of another VPC only when the first scale-out calls `CreateMountTarget`.
    private func securityGroupCheck(_ ids: [String], vpcID: String?) async -> PreflightCheck {
        let action = "ec2:DescribeSecurityGroups"
        guard !ids.isEmpty else { return .init(action: action, target: nil, status: .skipped, detail: "SECURITY_GROUP_ID is not set") }
        return await check(action, target: ids.joined(separator: ",")) {
            let groups = try await ec2.describeSecurityGroups(groupIDs: ids)
            let missing = Set(ids).subtracting(groups.map(\.groupID))
            if !missing.isEmpty { return (.failed, "not found: " + missing.sorted().joined(separator: ", ")) }
            guard let vpcID else { return (.ok, "\(groups.count) group(s); VPC not checked (no single VPC is known)") }
            let outside = groups.filter { $0.vpcID != vpcID }.map { "\($0.groupID) is in \($0.vpcID ?? "no VPC")" }
            if !outside.isEmpty { return (.failed, "not in \(vpcID): " + outside.joined(separator: ", ")) }
            return (.ok, "\(groups.count) group(s) in \(vpcID)")
        }
    }

    private func parameterCheck(_ name: String?) async -> PreflightCheck {
        let action = "ssm:GetParameter"
        guard let name else { return .init(action: action, target: nil, status: .skipped, detail: "SSM_PARAMETER_NAME is not set") }
        var result = await check(action, target: name) {
            let parameter = try await ssm.getParameter(name: name)
            return (.ok, "version \(parameter.version), \(parameter.value.utf8.count) bytes")
        }
        if result.code.map({ ServiceErrorKind(code: $0) }) == .parameterNotFound {
            result.status = .warning
            result.detail += " (not published yet; the autoscaler creates it on its first run)"
        }
        return result
    }

    private func serviceCheck(cluster: String?, service: String?) async -> PreflightCheck {
        let action = "ecs:DescribeServices"
        guard let cluster, let service else {
            let unset = [cluster == nil ? "ECS_CLUSTER_NAME" : nil, service == nil ? "ECS_SERVICE_NAME" : nil].compactMap { $0 }
            return .init(action: action, target: nil, status: .skipped, detail: unset.joined(separator: " and ") + " not set")
        }
        return await check(action, target: "\(cluster)/\(service)") {
            let described = try await ecs.describeService(cluster: cluster, service: service)
            // A deleted service is still described (status INACTIVE) for a while; it cannot be updated.
            guard described.status == nil || described.status == "ACTIVE" else { return (.failed, "service status is \(described.status!)") }
            // Bridge or host networking (EC2 launch type) works with MANAGE_SERVICE_SUBNETS=false only:
            // the run refuses the combination at its own preflight; here it is a warning.
            guard let network = described.awsvpcConfiguration else {
                return (.warning, "service does not use awsvpc networking: keep MANAGE_SERVICE_SUBNETS=false; "
                    + "a drain places its tasks by their container instances' zones")
            }
            let rollout = described.primaryDeployment?.rolloutState ?? "unknown"
            return (.ok, "status \(described.status ?? "unknown"), \(network.subnets.count) subnet(s), rollout \(rollout)")
        }
    }

    /// A drain reads every running task of the cluster before it deletes; without this
    /// permission the first scale-in, possibly weeks after deployment, would stop mid-drain.
    private func tasksCheck(cluster: String?, service: String?) async -> PreflightCheck {
        let action = "ecs:ListTasks"
        guard let cluster, service != nil else {
            // Without both names no service is configured and a drain never reads the tasks.
            return .init(action: action, target: nil, status: .skipped, detail: "no ECS service configured")
        }
        return await check(action, target: cluster) {
            let running = try await ecs.listTasks(cluster: cluster)
            return (.ok, "\(running.count) running task(s) in the cluster (a drain checks where each runs)")
        }
    }

    /// Runs one call and maps its error to a failed check with the AWS code and message.
    private func check(_ action: String, target: String?,
                       _ body: () async throws -> (PreflightCheck.Status, String)) async -> PreflightCheck {
        do {
            let (status, detail) = try await body()
            return PreflightCheck(action: action, target: target, status: status, detail: detail)
        } catch let error as AWSError {
            return PreflightCheck(action: action, target: target, status: .failed, code: error.code,
                                  detail: error.message.isEmpty ? "HTTP \(error.httpStatus)" : error.message)
        } catch let error as HTTPTransportError {
            return PreflightCheck(action: action, target: target, status: .failed, code: "TransportError", detail: error.description)
        } catch {
            return PreflightCheck(action: action, target: target, status: .failed, code: String(describing: type(of: error)),
                                  detail: String(describing: error))
        }
    }
}
