#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One deployment of an ECS service. Each deployment carries its own network configuration: after
/// a circuit-breaker rollback or a deploy of an older revision, tasks of a deployment run where
/// *its* subnets put them, whatever the service's current configuration says.
public struct ECSDeployment: Decodable, Sendable, Equatable {
    public var id: String
    /// "PRIMARY", "ACTIVE" or "INACTIVE".
    public var status: String
    /// "COMPLETED", "IN_PROGRESS" or "FAILED"; absent with non-ECS deployment controllers.
    public var rolloutState: String?
    public var rolloutStateReason: String?
    public var taskDefinition: String?
    public var desiredCount: Int?
    public var runningCount: Int?
    public var pendingCount: Int?
    public var createdAt: Date?
    public var updatedAt: Date?
    /// This deployment's awsvpc configuration; `nil` without awsvpc (or when ECS did not send it).
    public var awsvpcConfiguration: ECSAwsVpcConfiguration?

    public init(id: String, status: String, rolloutState: String? = nil, rolloutStateReason: String? = nil,
                taskDefinition: String? = nil, desiredCount: Int? = nil, runningCount: Int? = nil,
                pendingCount: Int? = nil, createdAt: Date? = nil, updatedAt: Date? = nil,
                awsvpcConfiguration: ECSAwsVpcConfiguration? = nil) {
        self.id = id
        self.status = status
        self.rolloutState = rolloutState
        self.rolloutStateReason = rolloutStateReason
        self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount
        self.runningCount = runningCount
        self.pendingCount = pendingCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.awsvpcConfiguration = awsvpcConfiguration
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        status = try c.decode(String.self, forKey: .status)
        rolloutState = try c.decodeIfPresent(String.self, forKey: .rolloutState)
        rolloutStateReason = try c.decodeIfPresent(String.self, forKey: .rolloutStateReason)
        taskDefinition = try c.decodeIfPresent(String.self, forKey: .taskDefinition)
        desiredCount = try c.decodeIfPresent(Int.self, forKey: .desiredCount)
        runningCount = try c.decodeIfPresent(Int.self, forKey: .runningCount)
        pendingCount = try c.decodeIfPresent(Int.self, forKey: .pendingCount)
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt)
        awsvpcConfiguration = try c.decodeIfPresent(ECSNetworkConfiguration.self, forKey: .networkConfiguration)?.awsvpcConfiguration
    }

    enum CodingKeys: String, CodingKey {
        case id, status, rolloutState, rolloutStateReason, taskDefinition, desiredCount, runningCount, pendingCount
        case createdAt, updatedAt, networkConfiguration
    }
}
