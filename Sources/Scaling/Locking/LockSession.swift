#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one owner of a run's lock and state: takes the lock, proves it before every mutation
/// (the fence), writes the state, folds what the run learns into it, and releases. Nothing else
/// writes the lock item during a run.
///
/// Every write is a compare-and-swap on the record's version (`LockStore`), so correctness never
/// depends on how fast writes land or how old a read is: a write of a run that lost the lock is
/// refused whenever it arrives. A write whose outcome is unknown (a timeout, a reset) is never
/// resent blindly: the record is re-read, and its write id tells whether the write landed.
public actor LockSession {
    public enum Outcome: Sendable {
        case acquired(StateDocument)
        case held(owner: String, until: Date)
    }

    let store: any LockStore
    public let owner: String
    let clock: any Clock
    /// The state to start from when the item holds none yet (a deployment upgraded from the SSM
    /// state parameter): read once, at the first take.
    let legacyState: @Sendable () async throws -> StateDocument?
    private var record: LockRecord?
    private var writes = 0
    public private(set) var events: [RunEvent] = []

    public init(store: any LockStore, owner: String, clock: any Clock,
                legacyState: @escaping @Sendable () async throws -> StateDocument? = { nil }) {
        self.store = store
        self.owner = owner
        self.clock = clock
        self.legacyState = legacyState
    }

    /// Whether this session holds the lock (as far as it knows: the fence proves it).
    public var holds: Bool { record?.owner == owner }
    public var version: Int? { holds ? record?.version : nil }
    public var expiresAt: Date? { holds ? record?.expiresAt : nil }

    /// The state this session last wrote (or took), with this run's events folded in.
    public var state: StateDocument {
        get throws { try decodeState(record).folding(events) }
    }

    public func take(until expiry: Date) async throws -> Outcome {
        let current = try await store.read()
        let now = await clock.now()
        if let current, current.isHeld(byOtherThan: owner, at: now) {
            return .held(owner: current.owner ?? "?", until: current.expiresAt ?? now)
        }
        var document = try decodeState(current)
        if current?.state == nil, let legacy = try await legacyState() { document = legacy }
        document.lease = nil
        let next = try nextRecord(after: current, owner: owner, expiresAt: expiry, state: document)
        do {
            try await commit(next, expecting: current?.version ?? 0)
        } catch ReconcilerError.lockLost {
            let now = await clock.now()
            let winner = try await store.read()
            return .held(owner: winner?.owner ?? "another run", until: winner?.expiresAt ?? now)
        }
        return .acquired(document)
    }

    /// Proves, with a conditional write, that this session still holds the lock: called
    /// immediately before every mutating call, so a run that lost the lock mutates nothing.
    public func fence() async throws {
        guard let record, holds, let expiry = record.expiresAt else { throw lost(nil) }
        guard await clock.now() < expiry else { throw lost(record) }
        try await commit(try nextRecord(after: record, owner: owner, expiresAt: expiry, state: try state), expecting: record.version)
    }

    /// Writes `document` (with this run's events folded in) under the lock.
    public func write(_ document: StateDocument) async throws {
        guard let record, holds else { throw lost(nil) }
        try await commit(try nextRecord(after: record, owner: owner, expiresAt: record.expiresAt, state: document.folding(events)),
                         expecting: record.version)
    }

    /// Records what the run learnt and persists it at once (a crash right after a create must
    /// still know the new mount target is ours).
    public func record(_ event: RunEvent) async throws {
        events.append(event)
        try await write(try state)
    }

    /// Frees the lock, keeping the state. Conditional on the version this session wrote; when
    /// that is unknown (an ambiguous take), on the record still naming this session. Returns
    /// whether the lock is free of this session afterwards.
    @discardableResult
    public func release() async -> Bool {
        // The usual case: this session knows the version it wrote, so no read is needed.
        if let record, holds {
            do {
                try await commit(try nextRecord(after: record, owner: nil, expiresAt: nil, state: try state), expecting: record.version)
                return true
            } catch {
                // Refused or unknown: decide from what the item says now.
            }
        }
        do {
            guard let current = try await store.read(), current.owner == owner else {
                record = nil
                return true
            }
            var document = try decodeState(current)
            if current.version == record?.version { document = try state }
            try await commit(try nextRecord(after: current, owner: nil, expiresAt: nil, state: document), expecting: current.version)
            return true
        } catch {
            return false
        }
    }

    // MARK: Writing

    private func nextRecord(after current: LockRecord?, owner: String?, expiresAt: Date?, state: StateDocument) throws -> LockRecord {
        writes += 1
        var document = state
        document.lease = nil
        return LockRecord(owner: owner, expiresAt: expiresAt, version: (current?.version ?? 0) + 1,
                          writeId: "\(self.owner)#\(writes)", state: try document.encode(parameter: store.location),
                          count: current?.count)
    }

    /// One logical write: sent, and on an unknown outcome re-read before anything else.
    private func commit(_ next: LockRecord, expecting version: Int) async throws {
        var resends = 0
        while true {
            do {
                try await store.write(next, expecting: version)
                record = next
                return
            } catch LockStoreError.conditionFailed {
                let current = try await store.read()
                // An earlier send of this same write landed after its response was lost.
                if let current, current.writeId == next.writeId { record = current; return }
                throw lost(current)
            } catch {
                let current: LockRecord?
                do { current = try await store.read() } catch { throw error }
                if let current, current.writeId == next.writeId { record = current; return }
                // Not landed (yet): resending the same write id is safe, since at most one of the
                // two sends can pass the version compare.
                if (current?.version ?? 0) == version, resends < 2 {
                    resends += 1
                    continue
                }
                if (current?.version ?? 0) != version { throw lost(current) }
                throw error
            }
        }
    }

    private func decodeState(_ record: LockRecord?) throws -> StateDocument {
        try record?.stateDocument(location: store.location) ?? .initial
    }

    private func lost(_ current: LockRecord?) -> ReconcilerError {
        record = nil
        return .lockLost(location: store.location, holder: current?.owner)
    }
}
