import AWSCore

extension ECSClient {
    private struct Input: Encodable {
        var cluster: String
        var services: [String]
    }

    private struct Failure: Decodable {
        var arn: String?
        var reason: String?
        var detail: String?
    }

    private struct Output: Decodable {
        var services: [ECSService]?
        var failures: [Failure]?
    }

    /// Describes one service. ECS reports an unknown service not as an error but as a
    /// `failures` entry with reason MISSING (200 OK); that is turned into an `AWSError` with
    /// code `ServiceNotFoundException` (`.serviceNotFound`) so callers handle one shape.
    /// An unknown cluster is `ClusterNotFoundException` (`.clusterNotFound`).
    public func describeService(cluster: String, service: String) async throws -> ECSService {
        try ServiceInputError.validateIdentifier(cluster, parameter: "cluster")
        try ServiceInputError.validateIdentifier(service, parameter: "services")
        let request = AWSServiceRequest(service: .ecs, operation: "DescribeServices",
                                        body: try JSONCodec.encode(Input(cluster: cluster, services: [service])),
                                        idempotent: true)
        let (output, status): (Output, Int)
        do {
            (output, status) = try await executor.send(request) { response in
                let output = try JSONCodec.decode(Output.self, from: response, service: .ecs, operation: "DescribeServices")
                // ECS always sends both arrays. An answer with neither (an empty 200 from a proxy, `{}`)
                // says nothing about the service and must not read as "the service is MISSING".
                guard output.services != nil || output.failures != nil else {
                    throw ServiceResponseError(service: AWSService.ecs.name, operation: "DescribeServices",
                                               reason: "neither services nor failures in the body")
                }
                return (output, response.status)
            }
        } catch var error as AWSError where error.code == "ClusterNotFoundException" {
            // ECS says only "Cluster not found."; name it, as the MISSING service case does.
            error.message = "cluster \(cluster): \(error.message)"
            throw error
        }
        if let found = output.services?.first(where: { $0.serviceName == service || $0.serviceArn == service }) {
            return found
        }
        let failure = output.failures?.first
        let reason = failure?.reason ?? "MISSING"
        let code = reason == "MISSING" ? "ServiceNotFoundException" : reason
        throw AWSError(service: "ecs", operation: "DescribeServices", httpStatus: status, code: code,
                       message: "service \(service) in cluster \(cluster): \(reason)" + (failure?.detail.map { " (\($0))" } ?? ""))
    }
}
