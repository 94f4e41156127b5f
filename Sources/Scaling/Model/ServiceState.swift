#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `DescribeServices` says about the ECS service whose tasks use the file system.
///
/// The awsvpc configuration is kept whole (subnets, security groups, public IP) because
/// `UpdateService` replaces it whole: sending subnets alone would silently reset the security
/// groups to the VPC default.
public struct ServiceState: Sendable, Hashable, Codable {
    public var deployments: [Deployment]
    public var network: NetworkConfiguration
    /// `deploymentController.type`: `ECS` (also when ECS leaves it out), `CODE_DEPLOY` or
    /// `EXTERNAL`. ECS refuses network changes through `UpdateService` for the latter two.
    public var deploymentController: String?

    public init(deployments: [Deployment], network: NetworkConfiguration) {
        self.deployments = deployments
        self.network = network
    }

    public var subnets: [String] { network.subnets }

    /// The deployment ECS is rolling out to (status `PRIMARY`).
    public var primaryDeployment: Deployment? { deployments.first { $0.status == "PRIMARY" } }

    public struct NetworkConfiguration: Sendable, Hashable, Codable {
        public var subnets: [String]
        public var securityGroups: [String]
        public var assignPublicIp: Bool?

        public init(subnets: [String], securityGroups: [String], assignPublicIp: Bool? = nil) {
            self.subnets = subnets
            self.securityGroups = securityGroups
            self.assignPublicIp = assignPublicIp
        }
    }

    public struct Deployment: Sendable, Hashable, Codable {
        public var id: String
        /// `PRIMARY`, `ACTIVE` or `INACTIVE`.
        public var status: String
        /// `IN_PROGRESS`, `COMPLETED` or `FAILED`; `nil` for services without the circuit breaker data.
        public var rolloutState: String?
        public var createdAt: Date?
        public var updatedAt: Date?

        public init(id: String, status: String, rolloutState: String?, createdAt: Date? = nil, updatedAt: Date? = nil) {
            self.id = id
            self.status = status
            self.rolloutState = rolloutState
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }
    }
}

extension ServiceState.Deployment {
    /// `rolloutState` as ECS spells it (`IN_PROGRESS`, `COMPLETED`, `FAILED`), whatever type
    /// the model gives it, so the scale-out code reads it one way.
    var rolloutStateName: String? { rolloutState.map { String(describing: $0) } }
}
