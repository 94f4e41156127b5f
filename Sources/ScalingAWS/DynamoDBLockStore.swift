#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWSServices
import Scaling

/// `LockStore` over one DynamoDB item per file system (hash key `file_system_id`), the pattern
/// of AWS's dynamodb-lock-client: every lock and state write is an `UpdateItem` whose
/// `ConditionExpression` compares `record_version`, evaluated by DynamoDB when the write lands.
/// Reads are `ConsistentRead`. The stored count (`last_count`) is written apart, unconditionally,
/// and no lock write touches it.
///
/// `expires_ttl` (epoch seconds, 30 days after the last write) is the table's TTL attribute: the
/// item of a file system nobody manages any more disappears on its own. It is never the lock's
/// expiry (`expires_at`, epoch milliseconds), which DynamoDB's TTL would honour only days late.
public struct DynamoDBLockStore: LockStore {
    let dynamodb: DynamoDBClient
    let table: String
    let fileSystemId: String
    let now: @Sendable () -> Date

    public static let retentionSeconds: Double = 30 * 24 * 3600

    public init(dynamodb: DynamoDBClient, table: String, fileSystemId: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.dynamodb = dynamodb
        self.table = table
        self.fileSystemId = fileSystemId
        self.now = now
    }

    public var location: String { "DynamoDB table \(table), item \(fileSystemId)" }

    private var key: DynamoDBItem { ["file_system_id": .string(fileSystemId)] }

    public func read() async throws -> LockRecord? {
        guard let item = try await dynamodb.getItem(table: table, key: key, consistentRead: true) else { return nil }
        let count = try item["last_count"]?.stringValue.map { try FileCount.decode($0, parameter: "\(location), attribute last_count") }
        return LockRecord(owner: item["owner"]?.stringValue,
                          expiresAt: item["expires_at"]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                          version: item["record_version"]?.intValue ?? 0,
                          writeId: item["write_id"]?.stringValue ?? "",
                          state: item["state"]?.stringValue, count: count)
    }

    public func write(_ record: LockRecord, expecting version: Int) async throws {
        var names = ["#v": "record_version", "#w": "write_id", "#s": "state", "#t": "expires_ttl", "#o": "owner", "#e": "expires_at"]
        var values: DynamoDBItem = [
            ":v": .number(record.version), ":w": .string(record.writeId),
            ":t": .number(Int(now().timeIntervalSince1970 + Self.retentionSeconds)),
        ]
        var set = ["#v = :v", "#w = :w", "#t = :t"]
        var remove: [String] = []
        if let state = record.state {
            set.append("#s = :s")
            values[":s"] = .string(state)
        }
        if let owner = record.owner, let expiresAt = record.expiresAt {
            set += ["#o = :o", "#e = :e"]
            values[":o"] = .string(owner)
            values[":e"] = .number(Int((expiresAt.timeIntervalSince1970 * 1000).rounded()))
        } else {
            remove = ["#o", "#e"]
        }
        let condition: String
        if version == 0 {
            condition = "attribute_not_exists(#v)"
        } else {
            condition = "#v = :expected"
            values[":expected"] = .number(version)
        }
        if record.state == nil { names["#s"] = nil }
        let update = "SET " + set.joined(separator: ", ") + (remove.isEmpty ? "" : " REMOVE " + remove.joined(separator: ", "))
        do {
            try await dynamodb.updateItem(table: table, key: key, update: update, names: names, values: values,
                                          condition: condition, idempotent: false)
        } catch where serviceErrorKind(of: error) == .conditionalCheckFailed {
            throw LockStoreError.conditionFailed(location: location)
        }
    }

    public func recordCount(_ count: FileCount) async throws {
        try await dynamodb.updateItem(table: table, key: key, update: "SET #c = :c", names: ["#c": "last_count"],
                                      values: [":c": .string(try count.json())], idempotent: true)
    }
}
