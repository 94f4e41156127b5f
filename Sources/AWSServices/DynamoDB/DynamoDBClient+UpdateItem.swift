import AWSCore

extension DynamoDBClient {
    private struct Input: Encodable {
        var TableName: String
        var Key: DynamoDBItem
        var UpdateExpression: String
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoDBItem?
    }

    /// Applies `update` (e.g. `SET #c = :c`) to one item, creating it when absent, when
    /// `condition` holds at the moment the write lands.
    public func updateItem(table: String, key: DynamoDBItem, update: String, names: [String: String],
                           values: DynamoDBItem, condition: String? = nil, idempotent: Bool) async throws {
        try ServiceInputError.validateIdentifier(table, parameter: "TableName")
        let input = Input(TableName: table, Key: key, UpdateExpression: update, ConditionExpression: condition,
                          ExpressionAttributeNames: names.nilIfEmpty, ExpressionAttributeValues: values.nilIfEmpty)
        let request = AWSServiceRequest(service: .dynamodb, operation: "UpdateItem", body: try JSONCodec.encode(input),
                                        idempotent: idempotent)
        _ = try await executor.execute(request)
    }
}

extension Dictionary {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
