import Foundation
import Testing
@testable import Scaling

/// Hand-written worlds for the decisions the properties do not pin down exactly.
@Suite struct PlannerScenarioTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    // ap-northeast-1 has no 1b: AZ names have gaps. 1a has two subnets.
    let subnets = [
        Subnet(id: "subnet-0a2", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 200),
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 10),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 0),
        Subnet(id: "subnet-0c2", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 50),
        Subnet(id: "subnet-0d1", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01"),
    ]

    func target(_ id: String, _ az: String, _ subnet: String, _ state: MountTarget.LifeCycleState = .available) -> MountTarget {
        MountTarget(id: id, availabilityZoneName: az, subnetId: subnet, ipAddress: "10.0.0.\(id.count)", lifeCycleState: state)
    }

    func observation(files: Int?, complete: Bool = true, targets: [MountTarget], service: ServiceState? = nil,
                     state: StateDocument = .initial, published: MountTargetList? = nil) -> Observation {
        let count: CountObservation = files.map {
            .counted(FileCount(files: $0, complete: complete, measuredAt: now, durationMs: 3), cached: false)
        } ?? .failed(reason: "EACCES")
        return Observation(count: count, mountTargets: targets, eligibleSubnets: subnets, service: service, state: state,
                           published: published ?? MountTargetList(mountTargets: targets.filter { $0.lifeCycleState == .available }))
    }

    @Test func scaleOutTakesTheNextFreeAZAndItsLowestUsableSubnet() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a2")
        let plan = Planner.plan(observation(files: 100_001, targets: [a]), policy: Policy(), now: now)
        #expect(plan.actions.count == 3)
        guard case .recordState(let state) = plan.actions.first else { Issue.record("no state first"); return }
        #expect(state.pending?.kind == .scaleOut)
        #expect(state.pending?.availabilityZone == "ap-northeast-1c")
        #expect(state.lastCount?.files == 100_001)
        // subnet-0c1 has no free address.
        #expect(plan.actions[1] == .createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c2"))
        #expect(plan.actions[2] == .waitAvailable(availabilityZone: "ap-northeast-1c"))
        #expect(plan.desiredMountTargets == 2 && plan.currentMountTargets == 1)
        #expect(plan.thresholdExceeded)
    }

    @Test func bootstrapsToTheMinimumEvenWithoutACount() {
        let plan = Planner.plan(observation(files: nil, targets: []), policy: Policy(minMountTargets: 1), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1a", subnetId: "subnet-0a1")))
    }

    @Test func prefersAnAZTheServiceAlreadyRunsIn() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a2")
        let service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1", "subnet-0d1"], securityGroups: ["sg-1"]))
        let plan = Planner.plan(observation(files: 200_000, targets: [a], service: service), policy: Policy(), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")))
    }

    @Test func everyAZServedIsReportedNotRetried() {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-c", "ap-northeast-1c", "subnet-0c2"),
                       target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let plan = Planner.plan(observation(files: 900_000, targets: targets), policy: Policy(), now: now)
        #expect(plan.actions.isEmpty)
        #expect(plan.allAZsServed)
        #expect(plan.holdReason?.contains("every eligible AZ") == true)
    }

    @Test func completesAScaleOutOnceAvailable() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c2")
        let pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c2",
                                       mountTargetId: "fsmt-c", startedAt: now.addingTimeInterval(-60))
        let service = ServiceState(deployments: [.init(id: "d1", status: "PRIMARY", rolloutState: "COMPLETED")],
                                   network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"], assignPublicIp: true))
        let world = observation(files: 200_000, targets: [a, c], service: service, state: StateDocument(pending: pending),
                                published: MountTargetList(mountTargets: [a]))
        let plan = Planner.plan(world, policy: Policy(manageServiceSubnets: true).settling(0), now: now)
        #expect(plan.actions == [
            .publish(MountTargetList(mountTargets: [a, c])),
            .updateService(ServiceUpdate(network: .init(subnets: ["subnet-0a1", "subnet-0c2"], securityGroups: ["sg-1"],
                                                        assignPublicIp: true), forceNewDeployment: true)),
            .recordState(StateDocument(lastCount: world.count.fileCount, lastActionCompletedAt: now)),
        ])
    }

    @Test func waitsForACreatingMountTargetWithoutNewDecisions() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c2", .creating)
        let pending = PendingOperation(kind: .scaleOut, availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c2", startedAt: now)
        let plan = Planner.plan(observation(files: 900_000, targets: [a, c], state: StateDocument(pending: pending)),
                                policy: Policy(), now: now)
        #expect(plan.actions.contains(.waitAvailable(availabilityZone: "ap-northeast-1c")))
        #expect(plan.actions.allSatisfy { if case .waitAvailable = $0 { true } else if case .recordState = $0 { true } else { false } })
    }

    @Test func staleListIsRepairedWithOneDeployment() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c2")
        let gone = MountTargetList.Entry(mountTargetId: "fsmt-old", ipAddress: "10.9.9.9", availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")
        let service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1", "subnet-0c2"], securityGroups: ["sg-1"]))
        let plan = Planner.plan(observation(files: 10, targets: [a, c], service: service,
                                            published: MountTargetList([gone] + MountTargetList(mountTargets: [a]).entries)),
                                policy: Policy(), now: now)
        #expect(plan.actions.filter(\.isNotStateRecord) == [.publish(MountTargetList(mountTargets: [a, c])),
                                 .updateService(ServiceUpdate(network: nil, forceNewDeployment: true))])
    }

    @Test func scaleInUnpublishesTheHighestAZFirstAndRecordsBeforehand() throws {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1", "subnet-0d1"], securityGroups: ["sg-1"]))
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-901))
        let plan = Planner.plan(observation(files: 10, targets: targets, service: service, state: state),
                                policy: Policy(scaleInThreshold: 50, manageServiceSubnets: true), now: now)
        #expect(plan.actions.count == 3)
        guard case .recordState(let recorded) = plan.actions[0] else { Issue.record("state not first"); return }
        #expect(recorded.pending?.kind == .scaleInDrain && recorded.pending?.mountTargetId == "fsmt-d")
        #expect(recorded.lowSignalSince == nil)
        #expect(plan.actions[1] == .publish(MountTargetList(mountTargets: [targets[0]])))
        #expect(plan.actions[2] == .updateService(ServiceUpdate(network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]),
                                                                forceNewDeployment: true)))
        // One second earlier the window has not passed.
        let early = Planner.plan(observation(files: 10, targets: targets, service: service, state: state),
                                 policy: Policy(scaleInThreshold: 50, manageServiceSubnets: true), now: now.addingTimeInterval(-2))
        #expect(early.actions.isEmpty)
        #expect(early.holdReason?.contains("stabilizing") == true)
    }

    @Test func unmanagedServiceSubnetsBlockScaleInOfTheirAZ() {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1", "subnet-0d1"], securityGroups: ["sg-1"]))
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-5000))
        let plan = Planner.plan(observation(files: 10, targets: targets, service: service, state: state),
                                policy: Policy(scaleInThreshold: 50), now: now)
        #expect(plan.actions.isEmpty)
        #expect(plan.holdReason?.contains("MANAGE_SERVICE_SUBNETS") == true)
    }

    @Test func drainEndsWhenTheRolloutCompletesOrTimesOut() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-100), deploymentId: "d2")
        func world(_ rollout: String) -> Observation {
            let service = ServiceState(deployments: [.init(id: "d2", status: "PRIMARY", rolloutState: rollout)],
                                       network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
            return observation(files: 10, targets: [a, d], service: service, state: StateDocument(pending: pending),
                               published: MountTargetList(mountTargets: [a]))
        }
        let policy = Policy(scaleInThreshold: 50, drainTimeoutSeconds: 900)
        let waiting = Planner.plan(world("IN_PROGRESS"), policy: policy, now: now)
        #expect(waiting.actions.isEmpty && waiting.holdReason?.contains("draining") == true)
        let done = Planner.plan(world("COMPLETED"), policy: policy, now: now)
        #expect(done.actions.first == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
        let timedOut = Planner.plan(world("IN_PROGRESS"), policy: policy, now: now.addingTimeInterval(800))
        #expect(timedOut.actions.first == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
        guard case .recordState(let state) = done.actions.last else { Issue.record("no completion recorded"); return }
        #expect(state.pending == nil && state.lastActionCompletedAt == now)
    }

    @Test func drainWithoutARecordedDeploymentForcesOne() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now)
        let service = ServiceState(deployments: [.init(id: "old", status: "PRIMARY", rolloutState: "COMPLETED")],
                                   network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
        let plan = Planner.plan(observation(files: 10, targets: [a, d], service: service, state: StateDocument(pending: pending),
                                            published: MountTargetList(mountTargets: [a])), policy: Policy(), now: now)
        #expect(plan.actions.filter(\.isNotStateRecord) == [.updateService(ServiceUpdate(network: nil, forceNewDeployment: true))])
    }

    @Test func drainWithoutARecordedIdUsesADeploymentNewerThanTheDrain() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-60))
        func plan(_ rollout: String) -> Plan {
            let service = ServiceState(deployments: [.init(id: "new", status: "PRIMARY", rolloutState: rollout, createdAt: now.addingTimeInterval(-59))],
                                       network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
            return Planner.plan(observation(files: 10, targets: [a, d], service: service, state: StateDocument(pending: pending),
                                            published: MountTargetList(mountTargets: [a])), policy: Policy(), now: now)
        }
        #expect(plan("IN_PROGRESS").actions.filter(\.isNotStateRecord).isEmpty, "no second deployment")
        #expect(plan("COMPLETED").actions.first == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
    }

    @Test func aNewMountTargetInADrainedAZIsNeverDeleted() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let newer = target("fsmt-new", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-old", startedAt: now.addingTimeInterval(-5000), deploymentId: "d")
        let plan = Planner.plan(observation(files: 10, targets: [a, newer], state: StateDocument(pending: pending)),
                                policy: Policy(), now: now)
        #expect(!plan.actions.contains { if case .deleteMountTarget = $0 { true } else { false } })
        #expect(plan.published == MountTargetList(mountTargets: [a, newer]))
    }

    @Test func failedMountTargetIsDeleted() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let c = target("fsmt-c", "ap-northeast-1c", "subnet-0c2", .error)
        let plan = Planner.plan(observation(files: 900_000, targets: [a, c]), policy: Policy(), now: now)
        #expect(plan.actions.first == .deleteMountTarget(id: "fsmt-c", availabilityZone: "ap-northeast-1c"))
        #expect(!plan.actions.contains { if case .createMountTarget = $0 { true } else { false } })
    }

    @Test func incompleteCountHolds() {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-5000))
        let plan = Planner.plan(observation(files: 5, complete: false, targets: targets, state: state),
                                policy: Policy(scaleInThreshold: 50), now: now)
        #expect(plan.actions.filter { if case .recordState(let s) = $0 { s.pending != nil } else { true } }.isEmpty)
        #expect(plan.holdReason?.contains("incomplete") == true)
    }
}

extension PlannedAction {
    var isNotStateRecord: Bool {
        if case .recordState = self { return false }
        return true
    }
}
