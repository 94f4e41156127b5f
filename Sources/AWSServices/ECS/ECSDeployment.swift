#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One deployment of an ECS service. A forced redeployment has finished when the PRIMARY
/// deployment's `rolloutState` is COMPLETED and no ACTIVE one remains.
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

    public init(id: String, status: String, rolloutState: String? = nil, rolloutStateReason: String? = nil,
                taskDefinition: String? = nil, desiredCount: Int? = nil, runningCount: Int? = nil,
                pendingCount: Int? = nil, createdAt: Date? = nil, updatedAt: Date? = nil) {
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
    }
}
