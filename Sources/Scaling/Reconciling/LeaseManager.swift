#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps two overlapping runs (a scheduled Lambda and a worker, an async retry) from acting at once.
///
/// The lease lives in the state document. SSM has no compare-and-swap, so taking it is:
/// 1. read the document and its version; a live lease of another run means "skip this run";
/// 2. write our lease, conditional on that version (compare, then write);
/// 3. wait `settleSeconds`, read again, and proceed only if the document still carries our lease
///    at the version we wrote.
/// Two runs that both pass step 2's compare write within one round trip of each other; after the
/// settle delay both read the later write, so exactly one proceeds. Every later state write of the
/// run is conditional on the version it last wrote, so a run that lost the lease stops at its
/// next write instead of overwriting the other run's document.
struct LeaseManager {
    let parameters: any ParameterStore
    let parameterName: String
    let clock: any Clock
    let settleSeconds: Double

    enum Outcome {
        case acquired(StateDocument, version: Int)
        case held(by: Lease)
    }

    func acquire(owner: String, until expiry: Date, observer: Observer) async throws -> Outcome {
        let (state, version) = try await observer.readState()
        let now = await clock.now()
        if let lease = state.lease, lease.owner != owner, lease.expiresAt > now {
            return .held(by: lease)
        }
        var mine = state
        mine.lease = Lease(owner: owner, expiresAt: expiry)
        let written: Int
        do {
            written = try await parameters.put(name: parameterName, value: try mine.encode(parameter: parameterName),
                                               expecting: version.map { .version($0) } ?? .absent)
        } catch ParameterStoreError.versionMismatch {
            return try await currentHolder(observer: observer, fallback: mine.lease!)
        }
        try await clock.sleep(seconds: settleSeconds)
        guard let stored = try await parameters.get(name: parameterName) else {
            return .held(by: mine.lease!)
        }
        let check = try StateDocument.decode(stored.value, parameter: parameterName)
        guard stored.version == written, check.lease?.owner == owner else {
            return .held(by: check.lease ?? mine.lease!)
        }
        return .acquired(check, version: written)
    }

    private func currentHolder(observer: Observer, fallback: Lease) async throws -> Outcome {
        let (state, _) = try await observer.readState()
        return .held(by: state.lease ?? fallback)
    }
}
