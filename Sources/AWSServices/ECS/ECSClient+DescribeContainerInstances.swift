import AWSCore

extension ECSClient {
    private struct DescribeContainerInstancesInput: Encodable {
        var cluster: String
        var containerInstances: [String]
    }

    private struct DescribeContainerInstancesOutput: Decodable {
        var containerInstances: [ECSContainerInstance]?
        var failures: [ECSFailure]?
    }

    /// Describes container instances of `cluster`, at most 100 per call. An instance ECS cannot
    /// describe throws: the tasks on it could be in any AZ.
    public func describeContainerInstances(cluster: String, arns: [String]) async throws -> [ECSContainerInstance] {
        try ServiceInputError.validateIdentifier(cluster, parameter: "cluster")
        var described: [ECSContainerInstance] = []
        for batch in Self.batches(of: arns) {
            let input = DescribeContainerInstancesInput(cluster: cluster, containerInstances: batch)
            let request = AWSServiceRequest(service: .ecs, operation: "DescribeContainerInstances",
                                            body: try JSONCodec.encode(input), idempotent: true)
            let output = try JSONCodec.decode(DescribeContainerInstancesOutput.self, from: try await executor.execute(request),
                                              service: .ecs, operation: "DescribeContainerInstances")
            if let failure = output.failures?.first {
                throw ServiceResponseError(service: AWSService.ecs.name, operation: "DescribeContainerInstances",
                                           reason: "\(failure.arn ?? "?"): \(failure.reason ?? "no reason")")
            }
            described += output.containerInstances ?? []
        }
        return described
    }
}
