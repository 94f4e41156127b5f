import AWSCore

/// AWS Systems Manager Parameter Store (awsJson1.1). The autoscaler publishes the mount-target
/// list and its own state as `String` parameters.
public struct SSMClient: Sendable {
    public let executor: any AWSRequestExecutor

    public init(executor: any AWSRequestExecutor) {
        self.executor = executor
    }
}
