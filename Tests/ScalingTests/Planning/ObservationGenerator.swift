import Foundation
@testable import Scaling

/// SplitMix64: a small seeded generator, so every failing case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// One generated planner input.
struct Case: CustomStringConvertible {
    var seed: UInt64
    var observation: Observation
    var policy: Policy
    var now: Date

    var description: String { "seed \(seed)" }

    var plan: Plan { Planner.plan(observation, policy: policy, now: now) }
}

/// Random but plausible worlds: regions with AZ-name gaps, AZs with several subnets, mount
/// targets in every lifecycle state, services in and out of served AZs, stale or missing lists,
/// pending operations, counts around both thresholds, complete or not.
enum ObservationGenerator {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let azNames = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d", "us-east-1b", "us-east-1e", "eu-west-1a"]

    static func cases(count: Int = 400, base: UInt64 = 0x5EED) -> [Case] {
        (0..<count).map { generate(seed: base &+ UInt64($0)) }
    }

    static func generate(seed: UInt64) -> Case {
        var rng = SeededGenerator(seed: seed)
        let azCount = Int.random(in: 1...5, using: &rng)
        let azs = Array(azNames.shuffled(using: &rng).prefix(azCount))
        var subnets: [Subnet] = []
        var serial = 0
        for az in azs {
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                serial += 1
                let ips: Int? = rng.chance(0.08) ? 0 : (rng.chance(0.2) ? nil : Int.random(in: 1...250, using: &rng))
                subnets.append(Subnet(id: "subnet-\(String(UInt32.random(in: 0x1000...0xffff, using: &rng), radix: 16))\(serial)",
                                      availabilityZoneName: az, vpcId: "vpc-0a1", availableIpAddressCount: ips))
            }
        }
        // Mount targets: in some eligible AZs, and occasionally in an AZ that is not eligible.
        var targets: [MountTarget] = []
        let states: [MountTarget.LifeCycleState] = [.available, .available, .available, .available, .available, .creating,
                                                    .deleting, .error, .updating]
        var targetAZs = azs.filter { _ in rng.chance(0.55) }
        if rng.chance(0.1) { targetAZs.append("sa-east-1z") }
        for (index, az) in targetAZs.enumerated() {
            let subnet = subnets.filter { $0.availabilityZoneName == az }.randomElement(using: &rng)?.id ?? "subnet-f\(index)"
            targets.append(MountTarget(id: "fsmt-\(index)\(seed % 97)", availabilityZoneName: az, subnetId: subnet,
                                       ipAddress: "10.0.\(index).10", lifeCycleState: rng.chance(0.8) ? .available : rng.pick(states)))
        }
        let policy = randomPolicy(&rng)
        let count = randomCount(&rng, policy: policy, current: targets.count)
        let service: ServiceState? = rng.chance(0.3) ? nil : randomService(&rng, subnets: subnets)
        var state = StateDocument()
        if rng.chance(0.6) { state.lastActionCompletedAt = now.addingTimeInterval(-Double.random(in: 0...3000, using: &rng)) }
        if rng.chance(0.5) { state.lowSignalSince = now.addingTimeInterval(-Double.random(in: 0...3000, using: &rng)) }
        if rng.chance(0.15), let target = targets.randomElement(using: &rng) {
            state.pending = PendingOperation(kind: rng.chance(0.5) ? .scaleOut : .scaleInDrain,
                                             availabilityZone: target.availabilityZoneName, subnetId: target.subnetId,
                                             mountTargetId: rng.chance(0.7) ? target.id : nil,
                                             startedAt: now.addingTimeInterval(-Double.random(in: 0...2000, using: &rng)),
                                             deploymentId: rng.chance(0.6) ? service?.primaryDeployment?.id : nil)
        } else if rng.chance(0.05), let az = azs.first {
            state.pending = PendingOperation(kind: .scaleOut, availabilityZone: az, subnetId: "subnet-gone", startedAt: now)
        }
        let available = targets.filter { $0.lifeCycleState == .available }
        let published: MountTargetList?
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: published = nil
        case 1: published = MountTargetList(mountTargets: available.filter { _ in rng.chance(0.5) })
        default: published = MountTargetList(mountTargets: available)
        }
        // Drawn last so that the worlds above stay what they were before ownership existed.
        state.ownedMountTargetIds = targets.filter { _ in rng.chance(0.75) }.map(\.id).sorted()
        var tasks: [ClusterTask]?
        if service != nil, state.pending?.kind == .scaleInDrain, rng.chance(0.8) {
            tasks = (0..<Int.random(in: 0...3, using: &rng)).map { index in
                let subnet = rng.chance(0.8) ? subnets.randomElement(using: &rng)?.id : nil
                return ClusterTask(arn: "arn:task/\(index)", subnetId: subnet,
                                   availabilityZone: subnet == nil && rng.chance(0.7) ? azs.randomElement(using: &rng) : nil)
            }
        }
        var signal = count
        if case .counted(var measured, let cached) = count, rng.chance(0.15) {
            measured.unreadableDirectories = Int.random(in: 1...3, using: &rng)
            signal = .counted(measured, cached: cached)
        }
        var rules = policy
        rules.drainMinSeconds = rng.pick([0, 300])
        if rng.chance(0.15), let az = targetAZs.randomElement(using: &rng) { rules.protectedAZs = [az] }
        let observation = Observation(count: signal, mountTargets: targets, eligibleSubnets: subnets, service: service,
                                      clusterTasks: tasks, state: state, published: published)
        return Case(seed: seed, observation: observation, policy: rules, now: now)
    }

    static func randomPolicy(_ rng: inout SeededGenerator) -> Policy {
        let threshold = 1000
        let minimum = Int.random(in: 1...3, using: &rng)
        let maximum: Int? = rng.chance(0.5) ? nil : Int.random(in: minimum...6, using: &rng)
        return Policy(fileCountThreshold: threshold, scaleInThreshold: rng.chance(0.6) ? 500 : nil,
                      filesPerMountTarget: rng.chance(0.35) ? 400 : nil, minMountTargets: minimum, maxMountTargets: maximum,
                      scaleOutCooldownSeconds: rng.pick([0, 300, 1200]), scaleInStabilizationSeconds: rng.pick([0, 900]),
                      drainTimeoutSeconds: rng.pick([60, 900]), manageServiceSubnets: rng.chance(0.5))
    }

    static func randomCount(_ rng: inout SeededGenerator, policy: Policy, current: Int) -> CountObservation {
        if rng.chance(0.1) { return .failed(reason: "walk failed") }
        let files: Int
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: files = policy.fileCountThreshold  // the boundary itself
        case 1: files = Int.random(in: 0..<500, using: &rng)
        case 2: files = Int.random(in: 500...1000, using: &rng)
        case 3: files = Int.random(in: 1001...3000, using: &rng)
        default: files = (policy.filesPerMountTarget ?? 400) * max(1, current) + Int.random(in: -200...200, using: &rng)
        }
        let count = FileCount(files: max(0, files), complete: rng.chance(0.8), measuredAt: now, durationMs: 5)
        return .counted(count, cached: rng.chance(0.3))
    }

    static func randomService(_ rng: inout SeededGenerator, subnets: [Subnet]) -> ServiceState {
        var chosen = subnets.filter { _ in rng.chance(0.4) }.map(\.id)
        if chosen.isEmpty, let first = subnets.first { chosen = [first.id] }
        let rollout = rng.pick(["COMPLETED", "IN_PROGRESS", "FAILED"])
        return ServiceState(deployments: [.init(id: "ecs-svc/\(rng.next() % 1000)", status: "PRIMARY", rolloutState: .init(rawValue: rollout),
                                                createdAt: now.addingTimeInterval(-Double.random(in: 0...3000, using: &rng)))],
                            network: .init(subnets: chosen, securityGroups: ["sg-01"], assignPublicIp: false))
    }

    /// Turns a case into an already-converged world: everything available and published, the
    /// service where the policy wants it, nothing pending, the signal steady, the size within bounds.
    static func converged(_ input: Case) -> Case {
        var result = input
        var observation = input.observation
        var seen = Set<String>()
        let eligibleAZs = Set(observation.eligibleSubnets.filter { $0.availableIpAddressCount != 0 }.map(\.availabilityZoneName))
        observation.mountTargets = observation.mountTargets.filter { eligibleAZs.contains($0.availabilityZoneName) }.map {
            var target = $0
            target.lifeCycleState = .available
            return target
        }.filter { seen.insert($0.availabilityZoneName).inserted }
        if observation.mountTargets.isEmpty, let subnet = observation.eligibleSubnets.first(where: { $0.availableIpAddressCount != 0 }) {
            observation.mountTargets = [MountTarget(id: "fsmt-only", availabilityZoneName: subnet.availabilityZoneName,
                                                    subnetId: subnet.id, ipAddress: "10.0.9.9", lifeCycleState: .available)]
        }
        let current = observation.mountTargets.count
        var policy = input.policy
        policy.minMountTargets = min(policy.minMountTargets, current)
        policy.maxMountTargets = max(policy.maxMountTargets ?? current, current)
        observation.state.pending = nil
        observation.published = MountTargetList(mountTargets: observation.mountTargets)
        let steady = policy.filesPerMountTarget.map { $0 * current } ?? 750
        observation.count = .counted(FileCount(files: steady, complete: true, measuredAt: input.now, durationMs: 1), cached: true)
        if var service = observation.service {
            let served = Dictionary(observation.mountTargets.map { ($0.availabilityZoneName, $0.subnetId) }, uniquingKeysWith: { a, _ in a })
            if policy.manageServiceSubnets {
                let chosen = Dictionary(grouping: observation.eligibleSubnets.filter { $0.availableIpAddressCount != 0 },
                                        by: \.availabilityZoneName).mapValues { $0.map(\.id).min()! }
                service.network.subnets = served.keys.sorted().map { chosen[$0] ?? served[$0]! }
            }
            observation.service = service
        }
        observation.state.lowSignalSince = nil
        result.observation = observation
        result.policy = policy
        return result
    }
}
