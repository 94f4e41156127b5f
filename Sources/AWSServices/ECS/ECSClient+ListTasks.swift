import AWSCore

extension ECSClient {
    private struct ListTasksInput: Encodable {
        var cluster: String
        var desiredStatus: String
        var maxResults: Int
        var nextToken: String?
    }

    private struct ListTasksOutput: Decodable {
        var taskArns: [String]?
        var nextToken: String?
    }

    /// The ARNs of every task of `cluster` with `desiredStatus` (`RUNNING` by default), of any
    /// service or none, following `nextToken` to the last page. A repeated token throws instead
    /// of looping forever. A task that is still stopping has desired status `STOPPED` but may
    /// run for a while: callers that must see every user of an AZ ask for both.
    public func listTasks(cluster: String, desiredStatus: String = "RUNNING") async throws -> [String] {
        try ServiceInputError.validateIdentifier(cluster, parameter: "cluster")
        var arns: [String] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let input = ListTasksInput(cluster: cluster, desiredStatus: desiredStatus, maxResults: 100, nextToken: token)
            let request = AWSServiceRequest(service: .ecs, operation: "ListTasks", body: try JSONCodec.encode(input),
                                            idempotent: true)
            let output = try JSONCodec.decode(ListTasksOutput.self, from: try await executor.execute(request),
                                              service: .ecs, operation: "ListTasks")
            arns += output.taskArns ?? []
            token = output.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let token, !seen.insert(token).inserted {
                throw ServiceResponseError(service: AWSService.ecs.name, operation: "ListTasks", reason: "nextToken repeats")
            }
        } while token != nil
        return arns
    }
}
