import Foundation
import Testing
import TestSupport
@testable import Scaling
import ScalingTestSupport

/// The lock's correctness rests on the store's compare-and-swap, not on timing: these cases
/// make writes land arbitrarily late and responses go missing, with no sleep anywhere.
@Suite struct LockSessionTests {
    let clock = ManualClock()

    func session(_ owner: String, _ store: InMemoryLockStore) -> LockSession {
        LockSession(store: store, owner: owner, clock: clock)
    }

    func expiry() async -> Date { clock.now().addingTimeInterval(300) }

    @Test func aFreeLockIsTakenAndAHeldOneIsNot() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store), b = session("b", store)
        guard case .acquired = try await a.take(until: await expiry()) else { Issue.record("a must take the free lock"); return }
        guard case .held(let owner, _) = try await b.take(until: await expiry()) else { Issue.record("b must be refused"); return }
        #expect(owner == "a")
        #expect(await a.release())
        guard case .acquired = try await b.take(until: await expiry()) else { Issue.record("b takes it once released"); return }
    }

    /// A's take times out at the client while its write is still on its way; B takes the lock
    /// in between; A's write lands afterwards. The compare happens when the write lands, so it is
    /// refused: exactly one holder, whatever the delay. (The SSM lease's compare-then-write let
    /// such a late write overwrite B's lease: both held it.)
    @Test func aTakeThatLandsLateNeverMakesTwoHolders() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store), b = session("b", store)
        let until = await expiry()
        let bOutcome = Box<LockSession.Outcome>()
        await store.parkNextWrites(1, whenParked: {
            bOutcome.value = try? await b.take(until: until)
        })
        let aOutcome = try await a.take(until: until)
        let refused = await store.landParkedWrites()
        #expect(refused == 1, "A's late write is refused when it lands")
        guard case .acquired = bOutcome.value else { Issue.record("B took the lock while A's write was in flight"); return }
        guard case .held(let owner, _) = aOutcome else { Issue.record("A must see B's lock"); return }
        #expect(owner == "b")
        #expect(await store.item?.owner == "b")
        // A holds nothing: its fence fails, so it can never mutate.
        await #expect(throws: ReconcilerError.self) { try await a.fence() }
        try await b.fence()
    }

    /// The write landed but its response was lost: the re-read recognises the write by its id,
    /// and the session goes on holding the lock, with no second write.
    @Test func aWriteWhoseResponseWasLostIsRecognisedNotResent() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store)
        await store.parkNextWrites(1, whenParked: { await store.landParkedWrites() })
        guard case .acquired = try await a.take(until: await expiry()) else { Issue.record("taken"); return }
        #expect(await store.landed.count == 1, "no resend")
        #expect(await a.holds)
        try await a.fence()
        #expect(await store.landed.count == 2)
    }

    /// The write never reached the store: the re-read shows the old version, so the same write
    /// (same id) is sent again; if the first one lands after all, the compare refuses it.
    @Test func aWriteThatNeverLandedIsSentAgainWithTheSameId() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store)
        await store.parkNextWrites(1)
        guard case .acquired = try await a.take(until: await expiry()) else { Issue.record("taken"); return }
        #expect(await store.landed.count == 1)
        #expect(await store.landParkedWrites() == 1, "the first send, landing late, is refused")
        #expect(await store.item?.owner == "a")
    }

    /// A read that returns an older record (B's lock not yet visible) makes A believe the lock is
    /// free; A's take is then based on an old version and refused when it lands.
    @Test func aStaleReadNeverMakesTwoHolders() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store), b = session("b", store), c = session("c", store)
        _ = try await c.take(until: await expiry())
        #expect(await c.release())
        guard case .acquired = try await b.take(until: await expiry()) else { Issue.record("b takes the free lock"); return }
        await store.serveStaleReads(1)
        guard case .held(let owner, _) = try await a.take(until: await expiry()) else {
            Issue.record("a must not take a lock b holds, whatever its read showed"); return
        }
        #expect(owner == "b")
        #expect(await store.item?.owner == "b")
        #expect(await store.refused == 1, "a's write, based on the stale version, was refused")
    }

    /// Past its expiry a session refuses to fence without writing anything: another run may
    /// already hold the lock.
    @Test func anExpiredLockIsNeverFenced() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store)
        guard case .acquired = try await a.take(until: clock.now().addingTimeInterval(10)) else { Issue.record("taken"); return }
        clock.advance(by: 11)
        let writes = await store.landed.count
        await #expect(throws: ReconcilerError.self) { try await a.fence() }
        #expect(await store.landed.count == writes)
    }

    /// Events fold into the state and are persisted at once; folding twice changes nothing.
    @Test func eventsFoldIntoTheStateIdempotently() async throws {
        let store = InMemoryLockStore()
        let a = session("a", store)
        _ = try await a.take(until: await expiry())
        var document = StateDocument.initial
        document.pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1",
                                            startedAt: clock.now())
        try await a.write(document)
        try await a.record(.mountTargetCreated(id: "fsmt-0c", availabilityZone: "ap-northeast-1c"))
        let stored = try #require(try await store.state())
        #expect(stored.ownedMountTargetIds == ["fsmt-0c"])
        #expect(stored.pending?.mountTargetId == "fsmt-0c")
        #expect(stored.folding(.mountTargetCreated(id: "fsmt-0c", availabilityZone: "ap-northeast-1c")) == stored)
        #expect(stored.folding(.mountTargetAdopted(id: "fsmt-x", availabilityZone: "ap-northeast-1c")).ownedMountTargetIds == ["fsmt-0c"],
                "an adopted mount target is never owned")
        #expect(stored.folding(.mountTargetDeleted(id: "fsmt-0c")).ownedMountTargetIds == [])
    }
}

/// A value a `@Sendable` hook can set (tests only; the hook runs before its reader looks).
final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
