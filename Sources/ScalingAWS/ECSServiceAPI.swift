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
}

extension ServiceState {
    init(_ service: ECSService) {
        let vpc = service.awsvpcConfiguration
        self.init(
            deployments: service.deployments.map {
                Deployment(id: $0.id, status: $0.status, rolloutState: $0.rolloutState, createdAt: $0.createdAt, updatedAt: $0.updatedAt)
            },
            network: NetworkConfiguration(subnets: vpc?.subnets ?? [], securityGroups: vpc?.securityGroups ?? [],
                                          assignPublicIp: vpc?.assignPublicIp.map { $0 == "ENABLED" }))
    }
}
