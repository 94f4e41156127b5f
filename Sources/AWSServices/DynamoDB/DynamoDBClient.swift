import AWSCore

/// Amazon DynamoDB (awsJson1.0), as far as the autoscaler's lock uses it: one item read with
/// strong consistency and conditional writes. DynamoDB evaluates a `ConditionExpression`
/// atomically with the write, whenever the write lands; that is the compare-and-swap SSM lacks.
public struct DynamoDBClient: Sendable {
    public let executor: any AWSRequestExecutor

    public init(executor: any AWSRequestExecutor) {
        self.executor = executor
    }
}
