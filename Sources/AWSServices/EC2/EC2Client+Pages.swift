import AWSCore

extension EC2Client {
    /// Every `<item>` under `set` across all pages of a query-protocol describe call, each
    /// turned into a value by `decode`. A repeated `nextToken` throws instead of looping forever.
    /// Callers pass `operation:` as a literal: scripts/checks/iam-actions.sh reads the IAM action from it.
    func allPages<Item>(operation: String, parameters: [(String, String)], set: String,
                        decode: (XMLNode) throws -> Item) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var pageParameters = parameters
            if let token { pageParameters.append(("NextToken", token)) }
            let request = AWSServiceRequest(service: .ec2, operation: operation, idempotent: true).queryForm(pageParameters)
            let (pageItems, nextToken) = try await executor.send(request) { response in
                let root = try XMLResponse.root(of: response, service: .ec2, operation: operation)
                return (try (root.child(set)?.children("item") ?? []).map(decode), root.child("nextToken")?.text)
            }
            items += pageItems
            token = nextToken
            if token?.isEmpty == true { token = nil }
            if let t = token, !seen.insert(t).inserted {
                throw ServiceResponseError(service: "ec2", operation: operation, reason: "nextToken repeats")
            }
        } while token != nil
        return items
    }
}
