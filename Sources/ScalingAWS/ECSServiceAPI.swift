import AWSServices
import Scaling

/// `ServiceAPI` over ECS, bound to one cluster and service.
public struct ECSServiceAPI: ServiceAPI {
    let ecs: ECSClient
    let cluster: String
    let service: String

    public init(ecs: ECSClient, cluster: String, service: String) {
        self.ecs = ecs
        self.cluster = cluster
        self.service = service
    }

    public func describeService() async throws -> ServiceState {
        let described = try await ecs.describeService(cluster: cluster, service: service)
        var state = ServiceState(described)
        state.deploymentController = described.deploymentController
        return state
    }

    public func updateService(_ update: ServiceUpdate) async throws -> String? {
        let vpc = update.network.map { network in
            ECSAwsVpcConfiguration(subnets: network.subnets, securityGroups: network.securityGroups,
                                   assignPublicIp: network.assignPublicIp.map { $0 ? "ENABLED" : "DISABLED" })
        }
        let updated = try await ecs.updateService(cluster: cluster, service: service, awsvpcConfiguration: vpc,
                                                  forceNewDeployment: update.forceNewDeployment)
        return updated.primaryDeployment?.id
    }

    /// Tasks ECS still wants running, plus tasks told to stop that have not stopped yet (a task
    /// draining its connections still has the file system mounted). Tasks on container instances
    /// get the instance's `ecs.availability-zone`; the task's own `availabilityZone` is kept too.
    public func runningTasks() async throws -> [ClusterTask] {
        let running = try await ecs.listTasks(cluster: cluster, desiredStatus: "RUNNING")
        let stopping = try await ecs.listTasks(cluster: cluster, desiredStatus: "STOPPED")
        let arns = Array(Set(running + stopping)).sorted()
        let tasks = try await ecs.describeTasks(cluster: cluster, tasks: arns).filter { $0.lastStatus != "STOPPED" }
        let instanceArns = Array(Set(tasks.compactMap(\.containerInstanceArn))).sorted()
        var zoneOfInstance: [String: String] = [:]
        if !instanceArns.isEmpty {
            for instance in try await ecs.describeContainerInstances(cluster: cluster, arns: instanceArns) {
                zoneOfInstance[instance.containerInstanceArn] = instance.availabilityZone
            }
        }
        return tasks.map { task in
            ClusterTask(arn: task.taskArn, subnetId: task.subnetId,
                        availabilityZone: task.containerInstanceArn.flatMap { zoneOfInstance[$0] } ?? task.availabilityZone)
        }
    }
}

extension ServiceState {
    init(_ service: ECSService) {
        let vpc = service.awsvpcConfiguration
        self.init(
            deployments: service.deployments.map {
                Deployment(id: $0.id, status: .init(rawValue: $0.status), rolloutState: $0.rolloutState.map { .init(rawValue: $0) },
                           createdAt: $0.createdAt, updatedAt: $0.updatedAt, subnets: $0.awsvpcConfiguration?.subnets,
                           runningCount: $0.runningCount)
            },
            network: NetworkConfiguration(subnets: vpc?.subnets ?? [], securityGroups: vpc?.securityGroups ?? [],
                                          assignPublicIp: vpc?.assignPublicIp.map { $0 == "ENABLED" }),
            usesAwsvpc: vpc != nil)
    }
}
