import AWSCore
import AWSServices
import Foundation
import Logging
import Scaling
import ScalingAWS
import Testing
import TestSupport

/// The lock store through the real client (SigV4, libcurl, json-1.0) against moto's DynamoDB:
/// the conditional writes refuse exactly what the lock relies on them refusing.
@Suite(.serialized) struct DynamoDBLockStoreEndToEndTests {
    func store(_ scenario: Scenario) throws -> DynamoDBLockStore {
        let environment = scenario.environment()
        let client = try AWSClient.fromEnvironment(environment, transport: CurlTransport(environment: [:]),
                                                   logger: Logger(label: "e2e") { _ in SwiftLogNoOpLogHandler() })
        return DynamoDBLockStore(dynamodb: DynamoDBClient(executor: client), table: try #require(scenario.lockTableName),
                                 fileSystemId: try #require(scenario.fileSystemId))
    }

    func record(_ version: Int, owner: String?, state: String = #"{"version":1}"#) -> LockRecord {
        LockRecord(owner: owner, expiresAt: owner == nil ? nil : Date(timeIntervalSince1970: 1_900_000_000.25),
                   version: version, writeId: "\(owner ?? "free")#\(version)", state: state)
    }

    @Test func conditionalWritesCompareTheVersionAndKeepTheStoredCount() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let store = try store(scenario)
            #expect(try await store.read() == nil)

            try await store.write(record(1, owner: "a"), expecting: 0)
            await #expect(throws: LockStoreError.self, "a second first write is refused") {
                try await store.write(record(1, owner: "b"), expecting: 0)
            }
            let count = FileCount(files: 42, complete: true, measuredAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 7)
            try await store.recordCount(count)
            try await store.write(record(2, owner: "a"), expecting: 1)
            await #expect(throws: LockStoreError.self, "a write based on an old version is refused") {
                try await store.write(record(2, owner: "b"), expecting: 1)
            }
            try await store.write(record(3, owner: nil), expecting: 2)

            let stored = try #require(try await store.read())
            #expect(stored.version == 3 && stored.owner == nil && stored.expiresAt == nil && stored.writeId == "free#3")
            #expect(stored.state == #"{"version":1}"#)
            #expect(stored.count == count, "lock writes leave the stored count alone")

            // Read back independently (botocore), consistently.
            let world = try await scenario.world()
            #expect(world.lock?.version == 3 && world.lock?.owner == nil)
        }
    }

    @Test func anItemHoldingOnlyACountIsTakenAsNeverWritten() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let store = try store(scenario)
            let count = FileCount(files: 9, complete: true, measuredAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 1)
            try await store.recordCount(count)
            let item = try #require(try await store.read())
            #expect(item.version == 0 && item.state == nil && item.count == count)
            try await store.write(record(1, owner: "a"), expecting: 0)
            #expect(try await store.read()?.owner == "a")
        }
    }
}
