import AWSCore

extension DynamoDBClient {
    private struct Input: Encodable {
        var TableName: String
        var Item: DynamoDBItem
        var ConditionExpression: String?
        var ExpressionAttributeNames: [String: String]?
        var ExpressionAttributeValues: DynamoDBItem?
    }

    /// Replaces the whole item when `condition` holds at the moment the write lands; otherwise
    /// fails with `ConditionalCheckFailedException` (`.conditionalCheckFailed`) and changes
    /// nothing. Not idempotent: a resend after a lost response fails its own condition, so the
    /// caller re-reads instead (see `LockSession`).
    public func putItem(table: String, item: DynamoDBItem, condition: DynamoDBCondition?) async throws {
        try ServiceInputError.validateIdentifier(table, parameter: "TableName")
        let input = Input(TableName: table, Item: item, ConditionExpression: condition?.expression,
                          ExpressionAttributeNames: condition?.names.nilIfEmpty, ExpressionAttributeValues: condition?.values.nilIfEmpty)
        let request = AWSServiceRequest(service: .dynamodb, operation: "PutItem", body: try JSONCodec.encode(input),
                                        idempotent: false).json10()
        _ = try await executor.execute(request)
    }
}

/// A `ConditionExpression` with its placeholders.
public struct DynamoDBCondition: Sendable, Hashable {
    public var expression: String
    public var names: [String: String]
    public var values: DynamoDBItem

    public init(_ expression: String, names: [String: String] = [:], values: DynamoDBItem = [:]) {
        self.expression = expression
        self.names = names
        self.values = values
    }
}

extension Dictionary {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
