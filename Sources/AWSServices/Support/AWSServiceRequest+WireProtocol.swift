import AWSCore

/// Query-protocol bodies. Protocol headers (`X-Amz-Target`, `Content-Type`) are not set here:
/// `AWSClient` sets them, in one place, from the service's `AWSWireProtocol`.
/// (`AWSServiceRequest(service: .X, operation: "Y", …)` stays the literal shape at every call
/// site; the IAM-action check greps for it.)
extension AWSServiceRequest {
    /// query: a form body carrying `Action`, `Version` and the parameters.
    func queryForm(_ parameters: [(String, String)]) -> AWSServiceRequest {
        var copy = self
        if case .query(let version) = service.wireProtocol {
            copy.body = QueryForm.encode(action: operation, version: version, parameters: parameters)
        }
        return copy
    }
}
