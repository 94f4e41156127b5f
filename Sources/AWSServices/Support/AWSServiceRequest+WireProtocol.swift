import AWSCore

/// Finishes a request for its service's wire protocol, so each operation file states only
/// what is particular to it (`AWSServiceRequest(service: .X, operation: "Y", …)` stays the
/// literal shape at every call site; the IAM-action check greps for it).
extension AWSServiceRequest {
    /// awsJson1.1: `X-Amz-Target: {prefix}.{operation}` and the JSON content type.
    func json11() -> AWSServiceRequest {
        var copy = self
        if case .json11(let prefix) = service.wireProtocol {
            copy.headers.replace("X-Amz-Target", "\(prefix).\(operation)")
        }
        copy.headers.replace("Content-Type", "application/x-amz-json-1.1")
        return copy
    }

    /// awsJson1.0 (DynamoDB): `X-Amz-Target: {prefix}.{operation}` and the 1.0 content type.
    func json10() -> AWSServiceRequest {
        var copy = self
        if case .json10(let prefix) = service.wireProtocol {
            copy.headers.replace("X-Amz-Target", "\(prefix).\(operation)")
        }
        copy.headers.replace("Content-Type", "application/x-amz-json-1.0")
        return copy
    }

    /// restJson1 with a JSON body.
    func restJSONBody() -> AWSServiceRequest {
        var copy = self
        copy.headers.replace("Content-Type", "application/json")
        return copy
    }

    /// query: a form body carrying `Action`, `Version` and the parameters.
    func queryForm(_ parameters: [(String, String)]) -> AWSServiceRequest {
        var copy = self
        if case .query(let version) = service.wireProtocol {
            copy.body = QueryForm.encode(action: operation, version: version, parameters: parameters)
        }
        copy.headers.replace("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        return copy
    }
}
