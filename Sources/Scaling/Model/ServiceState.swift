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
    /// `false` for a service without awsvpc networking (EC2 launch type in bridge or host mode):
    /// its subnets say nothing about where its tasks run, so only the container instances do.
    public var usesAwsvpc: Bool
    /// `deploymentController.type`: `ECS` (also when ECS leaves it out), `CODE_DEPLOY` or
    /// `EXTERNAL`. ECS refuses network changes through `UpdateService` for the latter two.
    public var deploymentController: String?

    public init(deployments: [Deployment], network: NetworkConfiguration, usesAwsvpc: Bool = true) {
        self.deployments = deployments
        self.network = network
        self.usesAwsvpc = usesAwsvpc
    }

    public var subnets: [String] { network.subnets }

    /// The deployment ECS is rolling out to (status `PRIMARY`).
    public var primaryDeployment: Deployment? { deployments.first { $0.status == .primary } }

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
        public var status: Status
        /// `nil` for services whose deployment controller does not report it (CODE_DEPLOY,
        /// EXTERNAL): nothing may wait for it.
        public var rolloutState: RolloutState?
        public var createdAt: Date?
        public var updatedAt: Date?
        /// This deployment's own awsvpc subnets: a rollback or an older revision still running
        /// keeps its tasks where *its* configuration put them. `nil` when ECS did not say.
        public var subnets: [String]?
        /// Tasks of this deployment in `RUNNING`; `nil` when ECS did not say (then assume some).
        public var runningCount: Int?

        public init(id: String, status: Status, rolloutState: RolloutState?, createdAt: Date? = nil, updatedAt: Date? = nil,
                    subnets: [String]? = nil, runningCount: Int? = nil) {
            self.id = id
            self.status = status
            self.rolloutState = rolloutState
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.subnets = subnets
            self.runningCount = runningCount
        }

        /// Whether tasks of this deployment may still be running (an unknown count counts as yes).
        public var mayHaveRunningTasks: Bool { (runningCount ?? 1) > 0 }

        /// ECS deployment `status`. Unknown values are kept verbatim.
        public enum Status: OpenStringEnum {
            case primary, active, inactive
            case other(String)

            public init(rawValue: String) {
                switch rawValue {
                case "PRIMARY": self = .primary
                case "ACTIVE": self = .active
                case "INACTIVE": self = .inactive
                default: self = .other(rawValue)
                }
            }

            public var rawValue: String {
                switch self {
                case .primary: "PRIMARY"
                case .active: "ACTIVE"
                case .inactive: "INACTIVE"
                case .other(let value): value
                }
            }
        }

        /// ECS deployment `rolloutState` (ECS deployment controller only). Unknown values are kept verbatim.
        public enum RolloutState: OpenStringEnum {
            case inProgress, completed, failed
            case other(String)

            public init(rawValue: String) {
                switch rawValue {
                case "IN_PROGRESS": self = .inProgress
                case "COMPLETED": self = .completed
                case "FAILED": self = .failed
                default: self = .other(rawValue)
                }
            }

            public var rawValue: String {
                switch self {
                case .inProgress: "IN_PROGRESS"
                case .completed: "COMPLETED"
                case .failed: "FAILED"
                case .other(let value): value
                }
            }
        }
    }
}
