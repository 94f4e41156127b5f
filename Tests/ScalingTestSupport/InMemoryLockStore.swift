#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling

/// The lock item with DynamoDB's guarantee: a conditional write compares the version when it
/// *lands*. Faults model what AWS does at its worst, without any timing assumption:
/// - `parkNextWrites`: the client sees a timeout, and the write lands only when the test says
///   (`landParkedWrites`), possibly after other runs wrote: arbitrarily late.
/// - `whenParked`: runs (once) right after a write was parked, before its caller learns of the
///   timeout: the place to let another run act in between.
/// - `stealAfterWrites`: after that many successful writes another owner takes the lock, as a
///   run does once this one's lock expired.
/// - `failReads`: the next reads fail (a transport error), so recovery paths are exercised.
/// - `serveStaleReads`: the next reads return the item as it was before the last write (what an
///   eventually consistent read may do; the lock's reads are consistent, but nothing may rely on it).
public actor InMemoryLockStore: LockStore {
    public struct Timeout: Error, CustomStringConvertible {
        public var description: String { "timed out (injected)" }
    }

    public private(set) var item: LockRecord?
    /// Every write that landed, in order.
    public private(set) var landed: [LockRecord] = []
    /// Conditional writes refused when they landed.
    public private(set) var refused = 0
    private var parked: [(record: LockRecord, expecting: Int)] = []
    private var parkNext = 0
    private var hook: (@Sendable () async -> Void)?
    private var stealAfter: Int?
    private var failingReads = 0
    private var staleReads = 0

    public init(_ item: LockRecord? = nil) {
        self.item = item
    }

    public nonisolated var location: String { "in-memory lock item" }

    public func read() async throws -> LockRecord? {
        if failingReads > 0 {
            failingReads -= 1
            throw Timeout()
        }
        if staleReads > 0 {
            staleReads -= 1
            return landed.dropLast().last
        }
        return item
    }

    public func write(_ record: LockRecord, expecting version: Int) async throws {
        if parkNext > 0 {
            parkNext -= 1
            parked.append((record, version))
            if let hook {
                self.hook = nil
                await hook()
            }
            throw Timeout()
        }
        try land(record, expecting: version)
    }

    public func recordCount(_ count: FileCount) async throws {
        var next = item ?? LockRecord(owner: nil, expiresAt: nil, version: 0, writeId: "", state: nil)
        next.count = count
        item = next
    }

    private func land(_ record: LockRecord, expecting version: Int) throws {
        guard (item?.version ?? 0) == version else {
            refused += 1
            throw LockStoreError.conditionFailed(location: location)
        }
        var next = record
        next.count = item?.count
        item = next
        landed.append(next)
        if let after = stealAfter, landed.count >= after {
            stealAfter = nil
            var stolen = next
            stolen.owner = "thief"
            stolen.version += 1
            stolen.writeId = "thief#1"
            item = stolen
        }
    }

    // MARK: Faults

    public func parkNextWrites(_ count: Int, whenParked: (@Sendable () async -> Void)? = nil) {
        parkNext = count
        hook = whenParked
    }

    /// Lands every parked write now, in order; returns how many the version compare refused.
    @discardableResult
    public func landParkedWrites() -> Int {
        var refusedNow = 0
        for write in parked {
            do { try land(write.record, expecting: write.expecting) } catch { refusedNow += 1 }
        }
        parked.removeAll()
        return refusedNow
    }

    public func stealAfterWrites(_ count: Int) { stealAfter = count }

    public func failNextReads(_ count: Int) { failingReads = count }

    public func serveStaleReads(_ count: Int) { staleReads = count }

    /// The state document the item holds, decoded.
    public func state() throws -> StateDocument? {
        try item?.stateDocument(location: location)
    }

    public func set(_ record: LockRecord?) { item = record }
}
