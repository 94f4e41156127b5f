/// Maps a path to one published mount target by rendezvous (highest-random-weight) hashing.
///
/// Every target gets a weight for the path; the heaviest wins. Adding a target moves only the
/// paths the new target now wins (about 1/(N+1) of them); removing one moves only the paths it
/// held. The original `sha256(path) % N` moved almost every path whenever N changed.
///
/// With a preferred AZ, the choice is made among the targets in that AZ when there is at least
/// one, so an EC2 host keeps NFS traffic in its own AZ; otherwise among all targets.
public struct RendezvousRouter: Sendable {
    public let targets: [RouteTarget]
    private let weights: [RendezvousWeight]

    /// - Throws: `RoutingError` when `targets` is empty or names a mount target twice (two
    ///   entries with one id would both claim the same paths).
    public init(targets: [RouteTarget]) throws {
        guard !targets.isEmpty else {
            throw RoutingError(code: .noTargets, description: "the mount-target list is empty: nothing to route to")
        }
        var seen = Set<String>()
        for target in targets where !seen.insert(target.mountTargetId).inserted {
            throw RoutingError(code: .duplicateTarget, description: "mount target \(target.mountTargetId) is listed more than once")
        }
        self.targets = targets
        weights = targets.map { RendezvousWeight(mountTargetId: $0.mountTargetId) }
    }

    /// The target for `path`.
    public func route(_ path: String, preferringAvailabilityZone zone: String? = nil) -> RouteTarget {
        var best: (index: Int, weight: UInt64)?
        for index in candidateIndices(zone) {
            let candidate = (index: index, weight: weights[index].weight(of: path))
            if best.map({ precedes(candidate, $0) }) ?? true { best = candidate }
        }
        // `candidateIndices` is never empty: init rejects an empty list.
        return targets[best!.index]
    }

    /// The candidate targets for `path`, best first: a host whose first choice is unreachable
    /// falls back to the next one, which is where that path would go if the first were removed.
    /// With a preferred AZ that has targets, only those are returned.
    public func ranked(_ path: String, preferringAvailabilityZone zone: String? = nil) -> [RouteTarget] {
        let indices = candidateIndices(zone)
        let scored = indices.map { (index: $0, weight: weights[$0].weight(of: path)) }
        return scored.sorted(by: precedes).map { targets[$0.index] }
    }

    /// Heavier first; a 64-bit tie is astronomically rare, and broken by id so every host agrees.
    private func precedes(_ lhs: (index: Int, weight: UInt64), _ rhs: (index: Int, weight: UInt64)) -> Bool {
        if lhs.weight != rhs.weight { return lhs.weight > rhs.weight }
        return targets[lhs.index].mountTargetId.utf8.lexicographicallyPrecedes(targets[rhs.index].mountTargetId.utf8)
    }

    /// Whether `zone` has at least one target, i.e. whether the preference will be honoured.
    public func hasTargets(inAvailabilityZone zone: String) -> Bool {
        targets.contains { $0.availabilityZone == zone }
    }

    private func candidateIndices(_ zone: String?) -> [Int] {
        if let zone {
            let local = targets.indices.filter { targets[$0].availabilityZone == zone }
            if !local.isEmpty { return local }
        }
        return Array(targets.indices)
    }
}
