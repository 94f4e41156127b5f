#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the signal comes from (module ScalingAWS wires the FileCounter walker in).
public protocol FileCountSource: Sendable {
    /// Counts until done or `deadline`; a walk cut short returns `complete: false`, it does not throw.
    /// Throws when there is no count at all (e.g. the directory is missing).
    func count(deadline: Date) async throws -> FileCount
}
