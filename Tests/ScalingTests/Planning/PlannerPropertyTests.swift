import Foundation
import Testing
@testable import Scaling

/// Properties of DESIGN.md §2-3 checked over hundreds of generated observations each.
/// A failure message names the seed; `ObservationGenerator.generate(seed:)` replays it.
@Suite struct PlannerPropertyTests {
    static let cases = ObservationGenerator.cases(count: 600)

    /// Helpers over one case.
    struct Facts {
        let input: Case
        let plan: Plan

        init(_ input: Case) {
            self.input = input
            plan = input.plan
        }

        var observation: Observation { input.observation }
        var creates: [(az: String, subnet: String)] {
            plan.actions.compactMap { if case .createMountTarget(let az, let subnet) = $0 { (az, subnet) } else { nil } }
        }
        var deletes: [String] {
            plan.actions.compactMap { if case .deleteMountTarget(let id, _) = $0 { id } else { nil } }
        }
        var published: [MountTargetList] {
            plan.actions.compactMap { if case .publish(let list) = $0 { list } else { nil } }
        }
        var serviceUpdates: [ServiceUpdate] {
            plan.actions.compactMap { if case .updateService(let update) = $0 { update } else { nil } }
        }
        var recorded: [StateDocument] {
            plan.actions.compactMap { if case .recordState(let state) = $0 { state } else { nil } }
        }
        /// A scale-in that this plan starts (a drain that was not pending before).
        var beginsScaleIn: Bool {
            observation.state.pending?.kind != .scaleInDrain && recorded.contains { $0.pending?.kind == .scaleInDrain }
        }
        var startsAction: Bool { !creates.isEmpty || beginsScaleIn }
        var occupied: [String: MountTarget] {
            Dictionary(observation.mountTargets.filter(\.occupiesAvailabilityZone).map { ($0.availabilityZoneName, $0) },
                       uniquingKeysWith: { a, _ in a })
        }
        var current: Int {
            let draining = observation.state.pending?.kind == .scaleInDrain ? observation.state.pending : nil
            return occupied.values.filter { target in
                guard let draining else { return true }
                return target.id != (draining.mountTargetId ?? occupied[draining.availabilityZone]?.id)
            }.count
        }
        var eligibleAZCount: Int {
            Set(observation.eligibleSubnets.filter { $0.availableIpAddressCount != 0 }.map(\.availabilityZoneName)).count
        }
        /// The default MAX: every configured AZ (full subnets included) or served one. A subnet
        /// running out of addresses decides where to grow, never shrinks the default.
        var defaultMaximum: Int {
            Set(observation.eligibleSubnets.map(\.availabilityZoneName)).union(occupied.keys).count
        }
    }

    @Test func atMostOneMountTargetPerAZ() {
        for input in Self.cases {
            let facts = Facts(input)
            #expect(facts.creates.count <= 1, "\(input)")
            for create in facts.creates {
                #expect(facts.occupied[create.az] == nil, "\(input): creates in occupied \(create.az)")
            }
        }
    }

    @Test func desiredIsWithinBoundsAndNeverZero() {
        for input in Self.cases {
            let plan = input.plan
            let maximum = max(1, input.policy.maxMountTargets ?? Facts(input).defaultMaximum)
            #expect(plan.desiredMountTargets >= 1, "\(input)")
            #expect(plan.desiredMountTargets <= maximum, "\(input)")
            #expect(plan.desiredMountTargets >= min(input.policy.minMountTargets, maximum), "\(input)")
        }
    }

    @Test func newMountTargetsOnlyInEligibleSubnetsOfTheirAZ() {
        for input in Self.cases {
            for create in Facts(input).creates {
                let subnet = input.observation.eligibleSubnets.first { $0.id == create.subnet }
                #expect(subnet?.availabilityZoneName == create.az, "\(input)")
                #expect(subnet?.availableIpAddressCount != 0, "\(input)")
            }
        }
    }

    @Test func subnetChoiceIsDeterministic() {
        for input in Self.cases {
            var shuffled = input
            var rng = SeededGenerator(seed: input.seed)
            shuffled.observation.eligibleSubnets.shuffle(using: &rng)
            shuffled.observation.mountTargets.shuffle(using: &rng)
            #expect(shuffled.plan == input.plan, "\(input)")
        }
    }

    /// The safety invariant: only available mount targets are published, never one being drained,
    /// and a managed service only gets subnets in AZs with such a mount target.
    @Test func clientsAreOnlyPointedAtAvailableMountTargets() {
        for input in Self.cases {
            let facts = Facts(input)
            let available = Dictionary(input.observation.mountTargets.filter { $0.lifeCycleState == .available }.map { ($0.id, $0) },
                                       uniquingKeysWith: { a, _ in a })
            // The drain the plan leaves behind (an abandoned one is published again), or the one
            // it had when it records nothing.
            let pendingDrain = { (state: StateDocument?) in state?.pending.flatMap { $0.kind == .scaleInDrain ? $0.mountTargetId : nil } }
            let draining = facts.recorded.isEmpty ? pendingDrain(input.observation.state) : pendingDrain(facts.recorded.last)
            for list in facts.published {
                for entry in list.entries {
                    #expect(available[entry.mountTargetId] != nil, "\(input): publishes \(entry.mountTargetId)")
                    #expect(entry.mountTargetId != draining, "\(input): publishes the drained \(entry.mountTargetId)")
                    #expect(!facts.deletes.contains(entry.mountTargetId), "\(input): publishes the deleted \(entry.mountTargetId)")
                }
            }
            let servedAZs = Set(facts.published.last?.entries.map(\.availabilityZone)
                ?? (input.observation.published ?? MountTargetList([])).entries.map(\.availabilityZone))
            var azOf: [String: String] = [:]
            for subnet in input.observation.eligibleSubnets { azOf[subnet.id] = subnet.availabilityZoneName }
            for target in input.observation.mountTargets { azOf[target.subnetId] = target.availabilityZoneName }
            for update in facts.serviceUpdates {
                #expect(update.forceNewDeployment, "\(input)")
                guard let network = update.network else { continue }
                #expect(input.policy.manageServiceSubnets, "\(input): changes subnets it does not manage")
                #expect(!network.subnets.isEmpty, "\(input)")
                #expect(network.securityGroups == input.observation.service?.network.securityGroups, "\(input)")
                for subnet in network.subnets {
                    #expect(azOf[subnet].map(servedAZs.contains) == true, "\(input): service subnet \(subnet) not served")
                }
            }
        }
    }

    @Test func cooldownCountsFromTheCompletionOfTheLastAction() {
        var checked = 0
        for input in Self.cases {
            guard let last = input.observation.state.lastActionCompletedAt,
                  input.now < last.addingTimeInterval(Double(input.policy.scaleOutCooldownSeconds)) else { continue }
            checked += 1
            #expect(!Facts(input).startsAction, "\(input): acts within the cooldown")
        }
        #expect(checked > 50)
        // The same world one second after the cooldown ends may act again.
        var acted = 0
        for input in Self.cases where input.observation.state.lastActionCompletedAt != nil {
            var later = input
            later.observation.state.lastActionCompletedAt = input.now.addingTimeInterval(-Double(input.policy.scaleOutCooldownSeconds) - 1)
            if Facts(later).startsAction { acted += 1 }
        }
        #expect(acted > 10)
    }

    @Test func scaleInOnlyAfterTheStabilizationWindow() {
        var checked = 0
        for input in Self.cases {
            let facts = Facts(input)
            guard facts.beginsScaleIn else { continue }
            let maximum = max(1, input.policy.maxMountTargets ?? facts.defaultMaximum)
            guard facts.current <= maximum else { continue }  // shrinking to a lowered MAX needs no signal
            checked += 1
            let since = input.observation.state.lowSignalSince ?? input.now
            #expect(input.now >= since.addingTimeInterval(Double(input.policy.scaleInStabilizationSeconds)), "\(input)")
        }
        #expect(checked > 5)
    }

    @Test func lowSignalClockStartsAndResets() {
        for input in Self.cases {
            let plan = input.plan
            let state = plan.actions.compactMap { if case .recordState(let s) = $0 { s } else { nil } }.last ?? plan.bookkeeping
            guard let state else { continue }
            if input.observation.count.completeCount == nil {
                #expect(state.lowSignalSince == nil, "\(input): a missing signal keeps the low-signal clock running")
            }
            if let since = state.lowSignalSince, let old = input.observation.state.lowSignalSince {
                #expect(since == old || since == input.now, "\(input)")
            }
        }
    }

    @Test func incompleteOrFailedCountNeverScalesIn() {
        var checked = 0
        for input in Self.cases where input.observation.count.completeCount == nil {
            checked += 1
            #expect(!Facts(input).beginsScaleIn, "\(input)")
            // Even when the low signal held for ages.
            var old = input
            old.observation.state.lowSignalSince = input.now.addingTimeInterval(-1_000_000)
            old.observation.state.lastActionCompletedAt = nil
            #expect(!Facts(old).beginsScaleIn, "\(input)")
        }
        #expect(checked > 50)
    }

    @Test func oneAZRemovedAtATime() {
        for input in Self.cases {
            let facts = Facts(input)
            #expect(facts.recorded.filter { $0.pending?.kind == .scaleInDrain }.count <= 1, "\(input)")
            // A pending scale-out whose mount target never appeared is abandoned, not in flight.
            if let pending = input.observation.state.pending,
               pending.kind == .scaleInDrain || facts.occupied[pending.availabilityZone] != nil {
                #expect(!facts.startsAction, "\(input): starts an action while one is pending")
            }
            // Deletes only the drained mount target or ones in error (never published, never serving).
            let errored = Set(input.observation.mountTargets.filter { $0.lifeCycleState == .error }.map(\.id))
            for id in facts.deletes where !errored.contains(id) {
                #expect(input.observation.state.pending?.kind == .scaleInDrain, "\(input): deletes \(id) without a drain")
            }
            #expect(facts.deletes.filter { !errored.contains($0) }.count <= 1, "\(input)")
        }
    }

    /// Ownership: only mount targets this autoscaler created, outside PROTECTED_AZS, are ever deleted;
    /// failed ones only when never published.
    @Test func deletesOnlyOwnedUnprotectedMountTargets() {
        var deleted = 0
        for input in Self.cases {
            let facts = Facts(input)
            let published = Set(input.observation.published?.entries.map(\.mountTargetId) ?? [])
            for id in facts.deletes {
                deleted += 1
                let target = input.observation.mountTargets.first { $0.id == id }
                #expect(input.observation.state.ownedMountTargetIds.contains(id), "\(input): deletes \(id), not created by it")
                #expect(!(target.map { input.policy.protectedAZs.contains($0.availabilityZoneName) } ?? true),
                        "\(input): deletes \(id) in a protected AZ")
                if target?.lifeCycleState == .error { #expect(!published.contains(id), "\(input): deletes a published \(id)") }
            }
            // A scale-in only ever starts on an owned, unprotected mount target.
            if facts.beginsScaleIn, let victim = facts.recorded.last(where: { $0.pending?.kind == .scaleInDrain })?.pending?.mountTargetId {
                #expect(input.observation.state.ownedMountTargetIds.contains(victim), "\(input): drains \(victim), not created by it")
            }
        }
        #expect(deleted > 5)
    }

    /// A drain deletes only what nothing seen in this run can still use, never alongside an
    /// `UpdateService`, never before DRAIN_MIN_SECONDS, and never because it timed out.
    @Test func drainDeletesOnlyWhenNothingUsesTheMountTarget() {
        var deleted = 0
        for input in Self.cases {
            let facts = Facts(input)
            guard let pending = input.observation.state.pending, pending.kind == .scaleInDrain,
                  let id = pending.mountTargetId, facts.deletes.contains(id),
                  let target = input.observation.mountTargets.first(where: { $0.id == id }) else { continue }
            deleted += 1
            let az = target.availabilityZoneName
            #expect(facts.serviceUpdates.isEmpty, "\(input): deletes \(id) in a run that updates the service")
            #expect(!(input.observation.published?.entries.contains { $0.mountTargetId == id } ?? false), "\(input): still published")
            #expect(input.now >= pending.startedAt.addingTimeInterval(Double(input.policy.drainMinSeconds)), "\(input): before DRAIN_MIN")
            var azOf: [String: String] = [:]
            for subnet in input.observation.eligibleSubnets { azOf[subnet.id] = subnet.availabilityZoneName }
            for target in input.observation.mountTargets where azOf[target.subnetId] == nil { azOf[target.subnetId] = target.availabilityZoneName }
            if let service = input.observation.service {
                #expect(!service.subnets.contains { azOf[$0] == az }, "\(input): the service is still in \(az)")
                for deployment in service.deployments where deployment.mayHaveRunningTasks {
                    #expect(!(deployment.subnets ?? []).contains { azOf[$0] == az }, "\(input): deployment in \(az)")
                }
                #expect(input.observation.clusterTasks != nil, "\(input): deletes without reading the tasks")
                for task in input.observation.clusterTasks ?? [] {
                    let zones = Set([task.subnetId.flatMap { azOf[$0] }, task.availabilityZone].compactMap { $0 })
                    #expect(!zones.isEmpty && !zones.contains(az), "\(input): task \(task.arn) may be in \(az)")
                }
            }
            #expect(input.plan.failure == nil, "\(input)")
        }
        #expect(deleted > 0)
    }

    /// Honest counts: a count with any unreadable directory never starts a scale-in.
    @Test func aCountWithUnreadableDirectoriesNeverScalesIn() {
        var checked = 0
        for input in Self.cases {
            guard case .counted(var count, let cached) = input.observation.count, count.complete else { continue }
            var world = input
            count.unreadableDirectories = 1
            world.observation.count = .counted(count, cached: cached)
            world.observation.state.lowSignalSince = input.now.addingTimeInterval(-1_000_000)
            world.observation.state.lastActionCompletedAt = nil
            checked += 1
            #expect(!Facts(world).beginsScaleIn, "\(input)")
        }
        #expect(checked > 100)
    }

    @Test func proportionalModeIgnoresChangesWithinTenPercent() {
        var checked = 0
        for (index, input) in ObservationGenerator.cases(count: 400, base: 0xBEEF).map(ObservationGenerator.converged).enumerated() {
            var world = input
            world.policy.filesPerMountTarget = 1000
            let current = world.observation.mountTargets.count
            if current == 0 { continue }
            let capacity = 1000 * current
            let files = capacity * 9 / 10 + (index * 7919) % (capacity * 2 / 10 + 1)
            world.observation.count = .counted(FileCount(files: files, complete: true, measuredAt: world.now, durationMs: 1), cached: true)
            world.observation.state.lowSignalSince = world.now.addingTimeInterval(-1_000_000)
            world.observation.state.lastActionCompletedAt = nil
            checked += 1
            let plan = world.plan
            #expect(plan.desiredMountTargets == current, "\(input) files \(files) of \(capacity)")
            #expect(plan.actions.isEmpty, "\(input) files \(files)")
            // Just outside the band, it acts.
            world.observation.count = .counted(FileCount(files: capacity * 11 / 10 + 1, complete: true, measuredAt: world.now, durationMs: 1),
                                               cached: true)
            #expect(world.plan.desiredMountTargets > current || world.plan.desiredMountTargets == world.policy.maxMountTargets,
                    "\(input)")
        }
        #expect(checked > 300)
    }

    // Ported from the original suite: the comparison is strictly greater.
    @Test func thresholdBoundaryIsStrict() {
        for input in ObservationGenerator.cases(count: 300, base: 0xF00D).map(ObservationGenerator.converged) {
            var world = input
            world.policy.filesPerMountTarget = nil
            world.observation.state.lastActionCompletedAt = nil
            let threshold = world.policy.fileCountThreshold
            world.observation.count = .counted(FileCount(files: threshold, complete: true, measuredAt: world.now, durationMs: 1), cached: true)
            #expect(world.plan.actions.isEmpty, "\(input): acts at exactly the threshold")
            #expect(!world.plan.thresholdExceeded)
            world.observation.count = .counted(FileCount(files: threshold + 1, complete: true, measuredAt: world.now, durationMs: 1),
                                               cached: true)
            let plan = world.plan
            #expect(plan.thresholdExceeded)
            let canGrow = Facts(world).current < min(world.policy.maxMountTargets ?? Int.max, Facts(world).eligibleAZCount)
            #expect(Facts(world).creates.count == (canGrow ? 1 : 0), "\(input)")
        }
    }

    @Test func convergedObservationGivesAnEmptyPlan() {
        for input in Self.cases.map(ObservationGenerator.converged) where !input.observation.mountTargets.isEmpty {
            let plan = input.plan
            #expect(plan.actions.isEmpty, "\(input): \(plan.actions)")
            #expect(plan.desiredMountTargets == input.observation.mountTargets.count, "\(input)")
        }
    }

    @Test func planningIsAPureFunction() {
        for input in Self.cases.prefix(200) {
            #expect(input.plan == input.plan)
        }
    }
}
