/// The fields of an ECS service description the autoscaler reads.
public struct ECSService: Decodable, Sendable, Equatable {
    public var serviceName: String
    public var serviceArn: String?
    public var clusterArn: String?
    /// "ACTIVE", "DRAINING" or "INACTIVE".
    public var status: String?
    public var desiredCount: Int?
    public var runningCount: Int?
    public var pendingCount: Int?
    public var deployments: [ECSDeployment]
    /// `nil` for services that do not use awsvpc networking.
    public var awsvpcConfiguration: ECSAwsVpcConfiguration?
    /// `deploymentController.type`: "ECS", "CODE_DEPLOY" or "EXTERNAL"; `nil` when ECS left it out
    /// (which means ECS).
    public var deploymentController: String?

    public init(serviceName: String, serviceArn: String? = nil, clusterArn: String? = nil, status: String? = nil,
                desiredCount: Int? = nil, runningCount: Int? = nil, pendingCount: Int? = nil,
                deployments: [ECSDeployment] = [], awsvpcConfiguration: ECSAwsVpcConfiguration? = nil) {
        self.serviceName = serviceName
        self.serviceArn = serviceArn
        self.clusterArn = clusterArn
        self.status = status
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
        self.deployments = deployments
        self.awsvpcConfiguration = awsvpcConfiguration
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        serviceName = try c.decode(String.self, forKey: .serviceName)
        serviceArn = try c.decodeIfPresent(String.self, forKey: .serviceArn)
        clusterArn = try c.decodeIfPresent(String.self, forKey: .clusterArn)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        desiredCount = try c.decodeIfPresent(Int.self, forKey: .desiredCount)
        runningCount = try c.decodeIfPresent(Int.self, forKey: .runningCount)
        pendingCount = try c.decodeIfPresent(Int.self, forKey: .pendingCount)
        deployments = try c.decodeIfPresent([ECSDeployment].self, forKey: .deployments) ?? []
        awsvpcConfiguration = try c.decodeIfPresent(ECSNetworkConfiguration.self, forKey: .networkConfiguration)?.awsvpcConfiguration
        deploymentController = try c.decodeIfPresent(Controller.self, forKey: .deploymentController)?.type
    }

    private struct Controller: Decodable { var type: String? }

    /// The deployment ECS is rolling towards.
    public var primaryDeployment: ECSDeployment? { deployments.first { $0.status == "PRIMARY" } }

    enum CodingKeys: String, CodingKey {
        case serviceName, serviceArn, clusterArn, status, desiredCount, runningCount, pendingCount, deployments, networkConfiguration
        case deploymentController
    }
}
