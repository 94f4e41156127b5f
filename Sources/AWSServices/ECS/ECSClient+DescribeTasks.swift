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
        var start = 0
        while start < tasks.count {
            let batch = Array(tasks[start..<min(start + Self.describeTasksBatch, tasks.count)])
            start += batch.count
            let request = AWSServiceRequest(service: .ecs, operation: "DescribeTasks",
                                            body: try JSONCodec.encode(DescribeTasksInput(cluster: cluster, tasks: batch)),
                                            idempotent: true).json11()
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

/// One entry of the `failures` array ECS returns beside a describe call's results.
struct ECSFailure: Decodable, Sendable {
    var arn: String?
    var reason: String?
    var detail: String?
}
