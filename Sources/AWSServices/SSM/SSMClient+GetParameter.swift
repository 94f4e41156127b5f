import AWSCore

extension SSMClient {
    private struct Input: Encodable {
        var Name: String
        var WithDecryption: Bool
    }

    private struct Output: Decodable {
        var Parameter: SSMParameter
    }

    /// Reads a parameter. A missing one is `ParameterNotFound` (`.parameterNotFound`), which the
    /// autoscaler treats as "nothing published yet", not as a failure.
    public func getParameter(name: String) async throws -> SSMParameter {
        try ServiceInputError.validateIdentifier(name, parameter: "Name")
        let request = AWSServiceRequest(service: .ssm, operation: "GetParameter",
                                        body: try JSONCodec.encode(Input(Name: name, WithDecryption: false)),
                                        idempotent: true)
        return try await executor.send(request) {
            try JSONCodec.decode(Output.self, from: $0, service: .ssm, operation: "GetParameter").Parameter
        }
    }
}
