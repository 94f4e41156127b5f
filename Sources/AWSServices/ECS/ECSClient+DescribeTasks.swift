import AWSCore

extension ECSClient {
    /// ECS describes at most 100 tasks per call.
    public static let describeTasksBatch = 100

    private struct DescribeTasksInput: Encodable {
        var cluster: String
        var tasks: [String]
    }

    private struct DescribeTasksOutput: Decodable {
        var tasks: [ECSTask]?
        var failures: [ECSFailure]?
    }

    /// Describes `tasks` of `cluster`, at most 100 per call. A task that stopped and was
    /// forgotten between `ListTasks` and this call comes back as a `MISSING` failure: it runs
    /// nowhere, so it is left out. Any other failure throws, because a task that could not be
    /// described could be running anywhere.
    public func describeTasks(cluster: String, tasks: [String]) async throws -> [ECSTask] {
        try ServiceInputError.validateIdentifier(cluster, parameter: "cluster")
        var described: [ECSTask] = []
        for batch in Self.batches(of: tasks) {
            let request = AWSServiceRequest(service: .ecs, operation: "DescribeTasks",
                                            body: try JSONCodec.encode(DescribeTasksInput(cluster: cluster, tasks: batch)),
                                            idempotent: true)
            let output = try JSONCodec.decode(DescribeTasksOutput.self, from: try await executor.execute(request),
                                              service: .ecs, operation: "DescribeTasks")
            guard output.tasks != nil || output.failures != nil else {
                throw ServiceResponseError(service: AWSService.ecs.name, operation: "DescribeTasks",
                                           reason: "neither tasks nor failures in the body")
            }
            if let failure = output.failures?.first(where: { $0.reason != "MISSING" }) {
                throw ServiceResponseError(service: AWSService.ecs.name, operation: "DescribeTasks",
                                           reason: "task \(failure.arn ?? "?"): \(failure.reason ?? "no reason")")
            }
            described += output.tasks ?? []
        }
        return described
    }
}

extension ECSClient {
    /// `items` in slices of at most `describeTasksBatch`, the most an ECS describe call takes.
    static func batches(of items: [String]) -> [[String]] {
        stride(from: 0, to: items.count, by: describeTasksBatch).map { Array(items[$0..<min($0 + describeTasksBatch, items.count)]) }
    }
}

/// One entry of the `failures` array ECS returns beside a describe call's results.
struct ECSFailure: Decodable, Sendable {
    var arn: String?
    var reason: String?
    var detail: String?
}
