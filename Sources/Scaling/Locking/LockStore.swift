#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The store of one file system's lock and state: one item, written only by compare-and-swap.
///
/// The guarantee the lock rests on is the store's, not timing: `write(_:expecting:)` succeeds
/// only if the item is still at `expecting` *when the write lands*, however late that is (a
/// DynamoDB `ConditionExpression`; see `DynamoDBLockStore`). Reads are strongly consistent.
/// Nothing here sleeps or waits for writes to settle.
public protocol LockStore: Sendable {
    /// Where the item lives, for errors and logs ("DynamoDB table T, item fs-…").
    var location: String { get }
    /// The item as of every write that succeeded before the call; `nil` when there is none.
    func read() async throws -> LockRecord?
    /// Writes owner, expiry, version, write id and state if the item is still at version
    /// `expecting` (0: no lock write ever happened); the stored count is left as it is.
    /// - Throws: `LockStoreError.conditionFailed` when it is not (nothing changed); any other
    ///   error leaves the outcome unknown (the write may still land), so callers re-read.
    func write(_ record: LockRecord, expecting version: Int) async throws
    /// Stores a count for the count cache, outside the lock: a counting face (the worker's
    /// `--count-only`) feeds deciders without ever holding the lock or touching the state.
    func recordCount(_ count: FileCount) async throws
}

/// The lock item: who holds the lock until when, the state document it guards, and the
/// version every conditional write compares.
public struct LockRecord: Sendable, Hashable {
    /// `nil` when free.
    public var owner: String?
    public var expiresAt: Date?
    /// Incremented by every write; the compare-and-swap compares it. 0: never written (an item
    /// that holds only a stored count).
    public var version: Int
    /// Names the logical write that produced this record. A write whose response was lost is
    /// recognised by it on the re-read, instead of being resent blindly.
    public var writeId: String
    /// The state document (JSON), `nil` before the first run wrote one.
    public var state: String?
    /// The last count stored by `recordCount`, read-only for the lock's holder.
    public var count: FileCount?

    public init(owner: String?, expiresAt: Date?, version: Int, writeId: String, state: String?, count: FileCount? = nil) {
        self.owner = owner
        self.expiresAt = expiresAt
        self.version = version
        self.writeId = writeId
        self.state = state
        self.count = count
    }

    /// The state document it guards (its stale `lease` dropped), with the stored count when that
    /// is newer than the state's own; `nil` when no state was written yet.
    public func stateDocument(location: String) throws(DocumentError) -> StateDocument? {
        guard let state else { return nil }
        var document = try StateDocument.decode(state, parameter: location)
        document.lease = nil
        if let count, count.measuredAt > (document.lastCount?.measuredAt ?? .distantPast) {
            document.lastCount = count
        }
        return document
    }

    /// Held by someone else at `now`.
    public func isHeld(byOtherThan me: String, at now: Date) -> Bool {
        guard let owner, owner != me, let expiresAt else { return false }
        return expiresAt > now
    }
}

public enum LockStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The item was not at the expected version when the write landed.
    case conditionFailed(location: String)

    public var description: String {
        switch self {
        case .conditionFailed(let location): "\(location) changed under us (conditional write refused)"
        }
    }
}
