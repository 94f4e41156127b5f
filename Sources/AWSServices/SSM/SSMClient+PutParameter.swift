import AWSCore

extension SSMClient {
    private struct Input: Encodable {
        var Name: String
        var Value: String
        var `Type`: String
        var Overwrite: Bool
        var Description: String?
    }

    private struct Output: Decodable {
        var Version: Int64
    }

    /// Writes a `String` parameter and returns its new version.
    ///
    /// With `overwrite: false` an existing parameter fails with `ParameterAlreadyExists`
    /// (`.parameterAlreadyExists`); only the overwriting form is safe to resend, so only it is
    /// marked idempotent. SSM rejects empty values and values over 4 KB (standard tier) with
    /// `ValidationException`; the empty case is caught here first.
    public func putParameter(name: String, value: String, description: String? = nil, overwrite: Bool) async throws -> Int64 {
        try ServiceInputError.validateIdentifier(name, parameter: "Name")
        guard !value.isEmpty else { throw ServiceInputError(parameter: "Value", value: value, reason: "must not be empty") }
        let input = Input(Name: name, Value: value, Type: "String", Overwrite: overwrite, Description: description)
        let request = AWSServiceRequest(service: .ssm, operation: "PutParameter", body: try JSONCodec.encode(input),
                                        idempotent: overwrite)
        let response = try await executor.execute(request)
        return try JSONCodec.decode(Output.self, from: response, service: .ssm, operation: "PutParameter").Version
    }
}
