/// SSM String parameters with versions. Conditional writes are emulated the way the AWS adapter
/// must (read the version, compare, then write); with `interleaveConditionalWrites` the fake
/// suspends between the compare and the write, so concurrent runs really can race there.
import Scaling
import TestSupport
public actor InMemoryParameterStore: ParameterStore {
    public private(set) var parameters: [String: StoredParameter] = [:]
    /// Every write that happened, in order: (name, value).
    public private(set) var writes: [(name: String, value: String)] = []
    public var faults = FaultInjector()
    public var interleaveConditionalWrites: Bool
    /// Conditional writes whose compare passed but whose write landed on a newer version: the
    /// race SSM's missing compare-and-swap allows (and the lease protocol must survive).
    public private(set) var racedWrites = 0
    /// When set, conditional writes wait after their compare until this many are waiting, then
    /// all write: the worst case of the race, reproduced deterministically. Parked and released
    /// writes count as operations in flight on `latencyClock`, so no sleep ends before they land
    /// (otherwise the releasing run could sleep and read back before the others re-enter the actor).
    private var barrier: Int?
    private var parked: [CheckedContinuation<Void, Never>] = []

    /// With interleaving on: writes in flight finish before this clock's sleeps end, i.e. every
    /// write is faster than any sleep (SSM calls take milliseconds, the lease settles for seconds).
    /// Without it, a suspended write may land arbitrarily late, which no time-based protocol survives.
    public var latencyClock: ManualClock?

    public init(_ initial: [String: String] = [:], interleaveConditionalWrites: Bool = false) {
        for (name, value) in initial { parameters[name] = StoredParameter(value: value, version: 1) }
        self.interleaveConditionalWrites = interleaveConditionalWrites
    }

    public func setFaults(_ update: @Sendable (inout FaultInjector) -> Void) { update(&faults) }

    public func setInterleaving(_ on: Bool, boundedBy clock: ManualClock? = nil) {
        interleaveConditionalWrites = on
        latencyClock = clock
    }

    public func holdConditionalWrites(untilWaiting count: Int?, boundedBy clock: ManualClock? = nil) {
        barrier = count
        if let clock { latencyClock = clock }
    }

    /// Sets a value directly (a human editing the parameter), bumping its version.
    public func overwrite(_ name: String, _ value: String) {
        parameters[name] = StoredParameter(value: value, version: (parameters[name]?.version ?? 0) + 1)
    }

    public func value(_ name: String) -> String? { parameters[name]?.value }

    public func get(name: String) async throws -> StoredParameter? {
        if let timing = faults.take("get:\(name)") { throw FaultInjector.InjectedFault(operation: "get \(name)", timing: timing) }
        return parameters[name]
    }

    public func put(name: String, value: String, expecting: ParameterPrecondition) async throws -> Int {
        let timing = faults.take("put:\(name)")
        if timing == .before { throw FaultInjector.InjectedFault(operation: "put \(name)", timing: .before) }
        let actual = parameters[name]?.version
        let matches: Bool
        switch expecting {
        case .any: matches = true
        case .absent: matches = actual == nil
        case .version(let version): matches = actual == version
        }
        guard matches else { throw ParameterStoreError.versionMismatch(name: name, expected: expecting, actual: actual) }
        if interleaveConditionalWrites, expecting != .any {
            latencyClock?.operations.begin()
            for _ in 0..<3 { await Task.yield() }
        }
        let heldAtBarrier = barrier != nil && expecting != .any
        if heldAtBarrier { latencyClock?.operations.begin() }
        if let barrier, expecting != .any {
            if parked.count + 1 >= barrier {
                self.barrier = nil
                parked.forEach { $0.resume() }
                parked = []
            } else {
                await withCheckedContinuation { parked.append($0) }
            }
        }
        if parameters[name]?.version != actual { racedWrites += 1 }
        let version = (parameters[name]?.version ?? 0) + 1
        parameters[name] = StoredParameter(value: value, version: version)
        writes.append((name, value))
        if interleaveConditionalWrites, expecting != .any { latencyClock?.operations.end() }
        if heldAtBarrier { latencyClock?.operations.end() }
        if timing == .after { throw FaultInjector.InjectedFault(operation: "put \(name)", timing: .after) }
        return version
    }
}
