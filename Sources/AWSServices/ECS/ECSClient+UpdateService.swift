import AWSCore

extension ECSClient {
    private struct Input: Encodable {
        var cluster: String
        var service: String
        var forceNewDeployment: Bool
        var networkConfiguration: ECSNetworkConfiguration?
    }

    private struct Output: Decodable {
        var service: ECSService
    }

    /// Starts a new deployment of a service, optionally in other subnets.
    ///
    /// ECS replaces the whole awsvpc configuration, so pass the current one with new subnets
    /// (`ECSAwsVpcConfiguration.withSubnets`) to keep security groups and `assignPublicIp`.
    /// Not idempotent: a resend after a transport error could start a second deployment.
    public func updateService(cluster: String, service: String, awsvpcConfiguration: ECSAwsVpcConfiguration? = nil,
                              forceNewDeployment: Bool) async throws -> ECSService {
        try ServiceInputError.validateIdentifier(cluster, parameter: "cluster")
        try ServiceInputError.validateIdentifier(service, parameter: "service")
        if let configuration = awsvpcConfiguration {
            guard !configuration.subnets.isEmpty else {
                throw ServiceInputError(parameter: "subnets", value: "", reason: "an awsvpc service needs at least one subnet")
            }
            for subnet in configuration.subnets { try ServiceInputError.validateIdentifier(subnet, parameter: "subnets") }
            for group in configuration.securityGroups { try ServiceInputError.validateIdentifier(group, parameter: "securityGroups") }
        }
        let input = Input(cluster: cluster, service: service, forceNewDeployment: forceNewDeployment,
                          networkConfiguration: awsvpcConfiguration.map { ECSNetworkConfiguration(awsvpcConfiguration: $0) })
        let request = AWSServiceRequest(service: .ecs, operation: "UpdateService", body: try JSONCodec.encode(input),
                                        idempotent: false)
        let response = try await executor.execute(request)
        return try JSONCodec.decode(Output.self, from: response, service: .ecs, operation: "UpdateService").service
    }
}
