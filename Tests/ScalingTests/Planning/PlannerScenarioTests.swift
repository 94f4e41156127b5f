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
                     tasks: [ClusterTask]? = [], state: StateDocument = .initial, published: MountTargetList? = nil) -> Observation {
        let count: CountObservation = files.map {
            .counted(FileCount(files: $0, complete: complete, measuredAt: now, durationMs: 3), cached: false)
        } ?? .failed(reason: "EACCES")
        return Observation(count: count, mountTargets: targets, eligibleSubnets: subnets, service: service,
                           clusterTasks: service == nil ? nil : tasks, state: state,
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
        #expect(plan.hold == .allAZsServed)
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
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-901), ownedMountTargetIds: ["fsmt-a", "fsmt-d"])
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
        #expect(early.hold?.code == "scale_in_stabilizing")
    }

    @Test func unmanagedServiceSubnetsBlockScaleInOfTheirAZ() {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1", "subnet-0d1"], securityGroups: ["sg-1"]))
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-5000), ownedMountTargetIds: ["fsmt-a", "fsmt-d"])
        let plan = Planner.plan(observation(files: 10, targets: targets, service: service, state: state),
                                policy: Policy(scaleInThreshold: 50), now: now)
        #expect(plan.actions.isEmpty)
        #expect(plan.hold == .serviceSubnetsUnmanaged)
    }

    /// Changed with issue 16: the drain no longer ends on the PRIMARY's `rolloutState`, and never
    /// deletes at the timeout. It deletes once nothing seen in the run can use the AZ; at the
    /// timeout with users left the plan fails and deletes nothing (before, it deleted).
    @Test func drainEndsWhenNothingUsesTheAZAndNeverAtTheTimeout() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-400), deploymentId: "d2")
        func world(_ rollout: ServiceState.Deployment.RolloutState?, oldTasks: Int) -> Observation {
            let service = ServiceState(deployments: [
                .init(id: "d2", status: .primary, rolloutState: rollout, subnets: ["subnet-0a1"], runningCount: 2),
                .init(id: "d1", status: .active, rolloutState: .completed, subnets: ["subnet-0a1", "subnet-0d1"], runningCount: oldTasks),
            ], network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
            let tasks = (0..<oldTasks).map { ClusterTask(arn: "arn:task/old-\($0)", subnetId: "subnet-0d1", availabilityZone: nil) }
            return observation(files: 10, targets: [a, d], service: service, tasks: tasks,
                               state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-a", "fsmt-d"]),
                               published: MountTargetList(mountTargets: [a]))
        }
        let policy = Policy(scaleInThreshold: 50, drainTimeoutSeconds: 900, drainMinSeconds: 300)
        let waiting = Planner.plan(world(.inProgress, oldTasks: 1), policy: policy, now: now)
        #expect(waiting.actions.isEmpty && waiting.hold?.code == "draining")
        #expect(waiting.drainHeld == [.deploymentTasks, .clusterTasks])
        // Another deployment controller never reports rolloutState: the tasks decide, not the rollout.
        for rollout in [ServiceState.Deployment.RolloutState.completed, nil] {
            let done = Planner.plan(world(rollout, oldTasks: 0), policy: policy, now: now)
            #expect(done.actions.first == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
            guard case .recordState(let state) = done.actions.last else { Issue.record("no completion recorded"); return }
            #expect(state.pending == nil && state.lastActionCompletedAt == now)
        }
        // A COMPLETED PRIMARY with the old tasks still running in 1d is not drained.
        let stillUsed = Planner.plan(world(.completed, oldTasks: 1), policy: policy, now: now)
        #expect(stillUsed.actions.isEmpty)
        let timedOut = Planner.plan(world(.inProgress, oldTasks: 1), policy: policy, now: now.addingTimeInterval(600))
        #expect(!timedOut.actions.contains { if case .deleteMountTarget = $0 { true } else { false } })
        #expect(timedOut.failure?.contains("timed out") == true)
        #expect(timedOut.failure?.contains("arn:task/old-0") == true)
        // Before DRAIN_MIN_SECONDS nothing is deleted even with no user left.
        let early = Planner.plan(world(.completed, oldTasks: 0), policy: policy, now: now.addingTimeInterval(-200))
        #expect(early.actions.isEmpty && early.drainHeld == [.minimumTime])
    }

    @Test func drainWithoutARecordedDeploymentForcesOne() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now)
        let service = ServiceState(deployments: [.init(id: "old", status: "PRIMARY", rolloutState: "COMPLETED")],
                                   network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
        let plan = Planner.plan(observation(files: 10, targets: [a, d], service: service,
                                            state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-d"]),
                                            published: MountTargetList(mountTargets: [a])), policy: Policy(), now: now)
        #expect(plan.actions.filter(\.isNotStateRecord) == [.updateService(ServiceUpdate(network: nil, forceNewDeployment: true))])
    }

    @Test func drainWithoutARecordedIdUsesADeploymentNewerThanTheDrain() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let d = target("fsmt-d", "ap-northeast-1d", "subnet-0d1")
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-60))
        func plan(_ rollout: String) -> Plan {
            let service = ServiceState(deployments: [.init(id: "new", status: "PRIMARY", rolloutState: .init(rawValue: rollout), createdAt: now.addingTimeInterval(-59))],
                                       network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
            // Since issue 16 the running tasks decide, not the rollout state: the IN_PROGRESS
            // world still has an old task in 1d.
            let tasks = rollout == "COMPLETED" ? [] : [ClusterTask(arn: "arn:task/old", subnetId: "subnet-0d1", availabilityZone: nil)]
            return Planner.plan(observation(files: 10, targets: [a, d], service: service, tasks: tasks,
                                            state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-d"]),
                                            published: MountTargetList(mountTargets: [a])), policy: Policy(drainMinSeconds: 0), now: now)
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
        let plan = Planner.plan(observation(files: 900_000, targets: [a, c], state: StateDocument(ownedMountTargetIds: ["fsmt-c"])),
                                policy: Policy(), now: now)
        #expect(plan.actions.first == .deleteMountTarget(id: "fsmt-c", availabilityZone: "ap-northeast-1c"))
        #expect(!plan.actions.contains { if case .createMountTarget = $0 { true } else { false } })
    }

    @Test func incompleteCountHolds() {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), target("fsmt-d", "ap-northeast-1d", "subnet-0d1")]
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-5000))
        let plan = Planner.plan(observation(files: 5, complete: false, targets: targets, state: state),
                                policy: Policy(scaleInThreshold: 50), now: now)
        #expect(plan.actions.filter { if case .recordState(let s) = $0 { s.pending != nil } else { true } }.isEmpty)
        #expect(plan.hold?.code == "count_incomplete")
    }
}

/// Issue 16 at the planner's level: eligibility never decides a delete, a delete never shares a
/// plan with an `UpdateService`, tasks without awsvpc are placed by their container instance,
/// and a lower-bound count never shrinks.
@Suite struct PlannerDrainScenarioTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 100),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 100),
        Subnet(id: "subnet-0d1", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01", availableIpAddressCount: 100),
    ]
    let a = MountTarget(id: "fsmt-a", availabilityZoneName: "ap-northeast-1a", subnetId: "subnet-0a1", ipAddress: "10.0.1.1", lifeCycleState: .available)
    let c = MountTarget(id: "fsmt-c", availabilityZoneName: "ap-northeast-1c", subnetId: "subnet-0c1", ipAddress: "10.0.3.1", lifeCycleState: .available)
    let d = MountTarget(id: "fsmt-d", availabilityZoneName: "ap-northeast-1d", subnetId: "subnet-0d1", ipAddress: "10.0.4.1", lifeCycleState: .available)

    func count(_ files: Int, unreadable: Int = 0) -> CountObservation {
        .counted(FileCount(files: files, complete: true, measuredAt: now, durationMs: 1, unreadableDirectories: unreadable), cached: false)
    }

    func starts(_ plan: Plan) -> Bool {
        plan.actions.contains { if case .recordState(let state) = $0 { state.pending?.kind == .scaleInDrain } else { false } }
    }

    /// Before: the full subnet left 1c out of the default MAX (2 < 3 mount targets), so the plan
    /// drained 1c at once, without a low signal or the stabilization window.
    @Test func aSubnetThatFillsUpNeverStartsADrain() {
        var full = subnets
        full[1].availableIpAddressCount = 0
        let state = StateDocument(ownedMountTargetIds: ["fsmt-a", "fsmt-c", "fsmt-d"])
        let world = Observation(count: count(50_000), mountTargets: [a, c, d], eligibleSubnets: full, service: nil, state: state,
                                published: MountTargetList(mountTargets: [a, c, d]))
        let plan = Planner.plan(world, policy: Policy(scaleInThreshold: 1000, minMountTargets: 3), now: now)
        #expect(!starts(plan) && plan.actions.isEmpty, "\(plan.actions)")
        #expect(plan.desiredMountTargets == 3)
    }

    /// Before: a drain that was over deleted in the same plan as the repairing UpdateService.
    @Test func aDeleteNeverSharesAPlanWithAServiceUpdate() {
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-1000), deploymentId: "d2")
        let service = ServiceState(deployments: [.init(id: "d2", status: .primary, rolloutState: .completed, subnets: ["subnet-0a1"], runningCount: 2)],
                                   network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-1"]))
        // The list lost fsmt-c (another writer): the repair republishes and redeploys.
        let world = Observation(count: count(10), mountTargets: [a, c, d], eligibleSubnets: subnets, service: service,
                                clusterTasks: [], state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-d"]),
                                published: MountTargetList(mountTargets: [a]))
        let plan = Planner.plan(world, policy: Policy(scaleInThreshold: 50, drainMinSeconds: 0), now: now)
        #expect(plan.actions.contains { if case .updateService = $0 { true } else { false } })
        #expect(!plan.actions.contains { if case .deleteMountTarget = $0 { true } else { false } }, "\(plan.actions)")
        #expect(plan.drainHeld == [.serviceUpdate])
        // The next run, with the list repaired, deletes.
        var repaired = world
        repaired.published = MountTargetList(mountTargets: [a, c])
        #expect(Planner.plan(repaired, policy: Policy(scaleInThreshold: 50, drainMinSeconds: 0), now: now).actions.first
            == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
    }

    /// Bridge or host networking: no ENI, no subnet; the container instance's AZ places the task.
    @Test func tasksOnContainerInstancesInTheAZHoldTheDrain() {
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-5000), deploymentId: "d2")
        let service = ServiceState(deployments: [.init(id: "d2", status: .primary, rolloutState: .completed, runningCount: 2)],
                                   network: .init(subnets: [], securityGroups: []), usesAwsvpc: false)
        func plan(_ tasks: [ClusterTask]) -> Plan {
            let world = Observation(count: count(10), mountTargets: [a, d], eligibleSubnets: subnets, service: service,
                                    clusterTasks: tasks, state: StateDocument(pending: pending, ownedMountTargetIds: ["fsmt-d"]),
                                    published: MountTargetList(mountTargets: [a]))
            return Planner.plan(world, policy: Policy(scaleInThreshold: 50, drainTimeoutSeconds: 900, drainMinSeconds: 0), now: now)
        }
        let onInstance = plan([ClusterTask(arn: "arn:task/web-1", subnetId: nil, availabilityZone: "ap-northeast-1d")])
        #expect(!onInstance.actions.contains { if case .deleteMountTarget = $0 { true } else { false } })
        #expect(onInstance.failure?.contains("arn:task/web-1") == true, "timed out with a task left: fails loudly")
        let nowhere = plan([ClusterTask(arn: "arn:task/lost", subnetId: nil, availabilityZone: nil)])
        #expect(nowhere.drainHeld == [.unknownZone], "a task whose AZ cannot be told may be in any AZ")
        let elsewhere = plan([ClusterTask(arn: "arn:task/web-2", subnetId: nil, availabilityZone: "ap-northeast-1a")])
        #expect(elsewhere.actions.first == .deleteMountTarget(id: "fsmt-d", availabilityZone: "ap-northeast-1d"))
    }

    /// Before: every mount target in `error` was deleted, whoever created it.
    @Test func onlyOwnedNeverPublishedFailedMountTargetsAreCleanedUp() {
        var failed = c
        failed.lifeCycleState = .error
        func plan(owned: [String], published: [MountTarget]) -> Plan {
            let world = Observation(count: count(50_000), mountTargets: [a, failed], eligibleSubnets: subnets, service: nil,
                                    state: StateDocument(ownedMountTargetIds: owned), published: MountTargetList(mountTargets: published))
            return Planner.plan(world, policy: Policy(), now: now)
        }
        let deletesC = { (plan: Plan) in plan.actions.contains(.deleteMountTarget(id: "fsmt-c", availabilityZone: "ap-northeast-1c")) }
        #expect(deletesC(plan(owned: ["fsmt-c"], published: [a])))
        #expect(!deletesC(plan(owned: [], published: [a])), "someone else's stays")
        #expect(!deletesC(plan(owned: ["fsmt-c"], published: [a, c])), "a published one may have clients")
        #expect(plan(owned: [], published: [a]).protected.map(\.id) == ["fsmt-a", "fsmt-c"])
    }

    /// A drain recorded before ownership existed names a mount target nobody recorded as ours.
    @Test func aDrainOfAMountTargetThatIsNotOwnedIsAbandonedAndPublishedAgain() {
        let pending = PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1",
                                       mountTargetId: "fsmt-d", startedAt: now.addingTimeInterval(-5000), deploymentId: "d2")
        let world = Observation(count: count(10), mountTargets: [a, d], eligibleSubnets: subnets, service: nil,
                                state: StateDocument(pending: pending), published: MountTargetList(mountTargets: [a]))
        let plan = Planner.plan(world, policy: Policy(scaleInThreshold: 50, drainMinSeconds: 0), now: now)
        #expect(!plan.actions.contains { if case .deleteMountTarget = $0 { true } else { false } })
        #expect(plan.published == MountTargetList(mountTargets: [a, d]))
        #expect(plan.reason.contains("abandoned"))
    }

    /// Before: an unreadable directory's files were simply missing from a complete count.
    @Test func aCountWithUnreadableDirectoriesGrowsButNeverShrinks() {
        let state = StateDocument(lowSignalSince: now.addingTimeInterval(-5000), ownedMountTargetIds: ["fsmt-c", "fsmt-d"])
        let low = Observation(count: count(10, unreadable: 2), mountTargets: [a, c, d], eligibleSubnets: subnets, service: nil,
                              state: state, published: MountTargetList(mountTargets: [a, c, d]))
        let held = Planner.plan(low, policy: Policy(scaleInThreshold: 50), now: now)
        #expect(!starts(held) && held.hold?.code == "unreadable_directories", "\(held.holdReason ?? "")")
        var high = low
        high.mountTargets = [a]
        high.published = MountTargetList(mountTargets: [a])
        high.count = count(200_000, unreadable: 2)
        let grows = Planner.plan(high, policy: Policy(), now: now)
        #expect(grows.actions.contains { if case .createMountTarget = $0 { true } else { false } }, "a lower bound above the threshold grows")
    }
}

extension PlannedAction {
    var isNotStateRecord: Bool {
        if case .recordState = self { return false }
        return true
    }
}
