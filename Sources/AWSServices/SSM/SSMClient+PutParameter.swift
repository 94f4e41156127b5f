import AWSCore

extension SSMClient {
    private struct Input: Encodable {
        var Name: String
        var Value: String
        var `Type`: String
        var Overwrite: Bool
        var Tier: String
        var Description: String?
    }

    private struct Output: Decodable {
        var Version: Int64
    }

    /// Writes a `String` parameter in the Standard tier and returns its new version.
    ///
    /// With `overwrite: false` an existing parameter fails with `ParameterAlreadyExists`
    /// (`.parameterAlreadyExists`); only the overwriting form is safe to resend, so only it is
    /// marked idempotent. SSM rejects empty values and values over 4 KB (standard tier) with
    /// `ValidationException`; the empty case is caught here first.
    ///
    /// `description` is sent only when creating. An overwrite without `Description` keeps the
    /// parameter's own (SSM leaves it unchanged), so whoever created the parameter, Terraform
    /// for the deployed ones, never sees it drift and never re-puts a stale value to fix it.
    /// `Tier` is always `Standard`: left out, SSM applies the account's default tier, and an
    /// account whose default is Advanced would upgrade the parameter, which cannot be undone.
    /// (SSM refuses to turn an Advanced parameter back into a Standard one, so a parameter
    /// someone already made Advanced fails this overwrite: loudly, never silently.)
    public func putParameter(name: String, value: String, description: String? = nil, overwrite: Bool) async throws -> Int64 {
        try ServiceInputError.validateIdentifier(name, parameter: "Name")
        guard !value.isEmpty else { throw ServiceInputError(parameter: "Value", value: value, reason: "must not be empty") }
        let input = Input(Name: name, Value: value, Type: "String", Overwrite: overwrite, Tier: "Standard",
                          Description: overwrite ? nil : description)
        let request = AWSServiceRequest(service: .ssm, operation: "PutParameter", body: try JSONCodec.encode(input),
                                        idempotent: overwrite)
        let response = try await executor.execute(request)
        return try JSONCodec.decode(Output.self, from: response, service: .ssm, operation: "PutParameter").Version
    }
}
