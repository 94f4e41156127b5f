import Foundation
import Routing
import Testing

@Suite struct RendezvousRouterTests {
    static func target(_ n: Int, zone: String? = nil) -> RouteTarget {
        RouteTarget(mountTargetId: "fsmt-0a1b2c3d4e5f6a7\(n)", ipAddress: "10.0.\(n).10",
                    availabilityZone: zone ?? "ap-northeast-1\(Character(UnicodeScalar(UInt8(97 + n))))", subnetId: "subnet-\(n)")
    }

    /// A fixed, varied set of paths shaped like a real tree: shared prefixes, sequential names.
    static let paths: [String] = (0..<100_000).map { "/mnt/efs/project-\($0 % 37)/batch-\($0 / 1000)/file-\($0).dat" }

    static func assignment(_ router: RendezvousRouter, _ paths: [String]) -> [String] {
        paths.map { router.route($0).mountTargetId }
    }

    @Test func aPathAlwaysMapsToTheSameTargetWhateverTheListOrder() throws {
        let targets = (0..<5).map { Self.target($0) }
        let first = try RendezvousRouter(targets: targets)
        let again = try RendezvousRouter(targets: targets.reversed())
        let sample = Array(Self.paths.prefix(2_000))
        #expect(Self.assignment(first, sample) == Self.assignment(again, sample))
        #expect(Self.assignment(first, sample) == Self.assignment(first, sample))
        #expect(Set(Self.assignment(first, sample)).count == 5)
    }

    @Test func theSpreadIsUniform() throws {
        let router = try RendezvousRouter(targets: (0..<5).map { Self.target($0) })
        var counts: [String: Int] = [:]
        for path in Self.paths { counts[router.route(path).mountTargetId, default: 0] += 1 }
        let observed = router.targets.map { counts[$0.mountTargetId] ?? 0 }
        let statistic = ChiSquare.statistic(observed: observed)
        let p = ChiSquare.pValue(statistic: statistic, degreesOfFreedom: observed.count - 1)
        #expect(p > 0.001, "counts \(observed), chi-square \(statistic), p \(p)")
    }

    @Test func addingATargetMovesAboutOneInNPlusOnePathsAndOnlyToIt() throws {
        let paths = Array(Self.paths.prefix(30_000))
        let before = Self.assignment(try RendezvousRouter(targets: (0..<5).map { Self.target($0) }), paths)
        let added = Self.target(5)
        let after = Self.assignment(try RendezvousRouter(targets: (0..<6).map { Self.target($0) }), paths)
        let moved = zip(before, after).filter { $0 != $1 }
        #expect(moved.allSatisfy { $0.1 == added.mountTargetId })
        // Binomial(n, 1/6): allow five standard deviations.
        let n = Double(paths.count), share = 1.0 / 6
        let sigma = (n * share * (1 - share)).squareRoot()
        #expect(abs(Double(moved.count) - n * share) < 5 * sigma, "moved \(moved.count) of \(paths.count)")
    }

    @Test func removingATargetMovesOnlyItsOwnPaths() throws {
        let paths = Array(Self.paths.prefix(30_000))
        let all = (0..<5).map { Self.target($0) }
        let removed = all[2]
        let before = Self.assignment(try RendezvousRouter(targets: all), paths)
        let after = Self.assignment(try RendezvousRouter(targets: all.filter { $0 != removed }), paths)
        for (old, new) in zip(before, after) {
            if old == removed.mountTargetId { #expect(new != old) } else { #expect(new == old) }
        }
        #expect(before.contains(removed.mountTargetId))
    }

    @Test func thePreferredZoneIsUsedWhenItHasTargets() throws {
        let targets = [Self.target(0, zone: "az-a"), Self.target(1, zone: "az-a"), Self.target(2, zone: "az-b"), Self.target(3, zone: "az-c")]
        let router = try RendezvousRouter(targets: targets)
        let sample = Array(Self.paths.prefix(2_000))
        let inA = sample.map { router.route($0, preferringAvailabilityZone: "az-a") }
        #expect(inA.allSatisfy { $0.availabilityZone == "az-a" })
        #expect(Set(inA).count == 2, "both targets in the zone share its paths")
        // Within the zone the choice is the rendezvous choice among that zone's targets.
        let zoneOnly = try RendezvousRouter(targets: Array(targets.prefix(2)))
        #expect(inA == sample.map { zoneOnly.route($0) })
        #expect(sample.allSatisfy { router.route($0, preferringAvailabilityZone: "az-b") == targets[2] })
        // A zone without targets falls back to all of them.
        #expect(sample.map { router.route($0, preferringAvailabilityZone: "az-z") } == sample.map { router.route($0) })
        #expect(!router.hasTargets(inAvailabilityZone: "az-z"))
    }

    @Test func rankedListsEveryCandidateBestFirstAndItsTailIsTheFallback() throws {
        let targets = (0..<4).map { Self.target($0) }
        let router = try RendezvousRouter(targets: targets)
        for path in Self.paths.prefix(500) {
            let ranked = router.ranked(path)
            #expect(Set(ranked) == Set(targets))
            let withoutFirst = try RendezvousRouter(targets: targets.filter { $0 != ranked[0] })
            #expect(withoutFirst.route(path) == ranked[1])
        }
    }

    @Test func rejectsAnEmptyOrDuplicatedList() {
        #expect(throws: RoutingError.self) { try RendezvousRouter(targets: []) }
        let error = #expect(throws: RoutingError.self) { try RendezvousRouter(targets: [Self.target(1), Self.target(1)]) }
        #expect(error?.code == .duplicateTarget)
    }
}
