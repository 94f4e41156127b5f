import AWSCore

extension DynamoDBClient {
    private struct Input: Encodable {
        var TableName: String
        var Key: DynamoDBItem
        var ConsistentRead: Bool
    }

    private struct Output: Decodable {
        var Item: DynamoDBItem?
    }

    /// The item, or `nil` when there is none. `consistentRead: true` sees every write that
    /// succeeded before the call; an eventually consistent read may not.
    public func getItem(table: String, key: DynamoDBItem, consistentRead: Bool) async throws -> DynamoDBItem? {
        try ServiceInputError.validateIdentifier(table, parameter: "TableName")
        let input = Input(TableName: table, Key: key, ConsistentRead: consistentRead)
        let request = AWSServiceRequest(service: .dynamodb, operation: "GetItem", body: try JSONCodec.encode(input),
                                        idempotent: true)
        return try await executor.send(request) {
            try JSONCodec.decode(Output.self, from: $0, service: .dynamodb, operation: "GetItem").Item
        }
    }
}
