import AWSCore

/// Reads a query-protocol (XML) response body into its root element, turning a parse
/// failure into a `ServiceResponseError` that names the operation.
enum XMLResponse {
    ///
    /// The root must be `<OperationResponse>`: anything else (an `<Response><Errors>` error
    /// document sent with 200, another operation's answer) would otherwise read as an empty
    /// result, e.g. "the VPC has no subnets".
    static func root(of response: HTTPResponse, service: AWSService, operation: String) throws -> XMLNode {
        let root: XMLNode
        do {
            root = try XMLNode.parse(response.body)
        } catch {
            throw ServiceResponseError(service: service.name, operation: operation, reason: "malformed XML: \(error)")
        }
        let expected = operation + "Response"
        guard root.name == expected || root.name.hasSuffix(":" + expected) else {
            let code = root.child("Errors")?.child("Error")?.child("Code")?.text
            throw ServiceResponseError(service: service.name, operation: operation,
                                       reason: "expected <\(expected)>, got <\(root.name)>" + (code.map { " (error code \($0))" } ?? ""))
        }
        return root
    }

    /// The text of a required child element, or a `ServiceResponseError` naming it.
    static func required(_ node: XMLNode, _ name: String, service: AWSService, operation: String) throws -> String {
        guard let value = node.child(name)?.text, !value.isEmpty else {
            throw ServiceResponseError(service: service.name, operation: operation, reason: "missing <\(name)> in <\(node.name)>")
        }
        return value
    }
}

extension XMLResponse {
    /// The text of an optional child element; empty or absent reads as `nil`.
    static func optional(_ node: XMLNode, _ name: String) -> String? {
        guard let text = node.child(name)?.text, !text.isEmpty else { return nil }
        return text
    }
}
