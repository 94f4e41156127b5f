import AWSCore

/// Amazon EC2 (query protocol, `Version=2016-11-15`, XML responses). Read-only: the
/// autoscaler only needs to know which subnets and security groups exist, where.
public struct EC2Client: Sendable {
    public let executor: any AWSRequestExecutor

    public init(executor: any AWSRequestExecutor) {
        self.executor = executor
    }
}
