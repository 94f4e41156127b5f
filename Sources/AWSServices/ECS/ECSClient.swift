import AWSCore

/// Amazon ECS (awsJson1.1). The autoscaler reads one service's deployments and network
/// configuration and moves it to the subnets that have a mount target.
public struct ECSClient: Sendable {
    public let executor: any AWSRequestExecutor

    public init(executor: any AWSRequestExecutor) {
        self.executor = executor
    }
}
