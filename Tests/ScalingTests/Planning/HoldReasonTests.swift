import Foundation
import Testing
@testable import Scaling

/// A hold's code is a contract (alarms, dashboards and scripts match it); its sentence is not.
@Suite struct HoldReasonTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 100),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 100),
    ]

    /// One of each case. The switch has no `default`, so a new case does not compile until it
    /// is added here with its code.
    static func code(_ hold: HoldReason) -> String {
        switch hold {
        case .waitingForAvailable: "waiting_for_available"
        case .scaleOutAbandoned: "scale_out_abandoned"
        case .settling: "mount_target_settling"
        case .scaleOutTimedOut: "scale_out_timed_out"
        case .awaitingRollout: "awaiting_rollout"
        case .drainRestarted: "drain_restarted"
        case .draining: "draining"
        case .drainTimedOut: "drain_timed_out"
        case .drainDeferredByServiceUpdate: "drain_deferred_by_service_update"
        case .actionCompleted: "action_completed"
        case .operationInFlight: "operation_in_flight"
        case .mountTargetInTransit: "mount_target_in_transit"
        case .countFailed: "count_failed"
        case .countIncomplete: "count_incomplete"
        case .unreadableDirectories: "unreadable_directories"
        case .allAZsServed: "all_azs_served"
        case .atMaximum: "at_max_mount_targets"
        case .oneZone: "one_zone"
        case .atMinimum: "at_min_mount_targets"
        case .scaleOutCooldown: "scale_out_cooldown"
        case .scaleInCooldown: "scale_in_cooldown"
        case .azsBackingOff: "azs_backing_off"
        case .stabilizing: "scale_in_stabilizing"
        case .nothingDeletable: "nothing_deletable"
        case .serviceSubnetsUnmanaged: "service_subnets_unmanaged"
        }
    }

    var everyCase: [HoldReason] {
        [.waitingForAvailable(mountTargetId: "fsmt-1", availabilityZone: "az-a"),
         .scaleOutAbandoned(mountTargetId: "fsmt-1", state: .error),
         .settling(mountTargetId: "fsmt-1", availabilityZone: "az-a", until: now, settleSeconds: 90),
         .scaleOutTimedOut("the scale-out in az-a failed"), .awaitingRollout(deploymentId: "d-1", availabilityZone: "az-a"),
         .drainRestarted(mountTargetId: "fsmt-1", availabilityZone: "az-a"),
         .draining(mountTargetId: "fsmt-1", availabilityZone: "az-a", waitingFor: "tasks"), .drainTimedOut("timed out"),
         .drainDeferredByServiceUpdate(mountTargetId: "fsmt-1", availabilityZone: "az-a"), .actionCompleted, .operationInFlight,
         .mountTargetInTransit(mountTargetId: "fsmt-1", availabilityZone: "az-a", state: .deleting), .countFailed("no mount"),
         .countIncomplete(files: 5), .unreadableDirectories(directories: 1, files: 5), .allAZsServed, .atMaximum(3),
         .oneZone(fileSystemId: "fs-1", availabilityZone: "az-a"), .atMinimum(1), .scaleOutCooldown(until: now),
         .scaleInCooldown(until: now), .azsBackingOff(details: "az-a until …"), .stabilizing(since: now, seconds: 600),
         .nothingDeletable(protected: "fsmt-1 in az-a: protected_az"), .serviceSubnetsUnmanaged]
    }

    @Test func everyCodeIsTheShippedOneAndNoTwoCasesShareACode() {
        let cases = everyCase
        for hold in cases {
            #expect(hold.code == Self.code(hold), "\(hold)")
            #expect(hold.code.allSatisfy { $0.isLowercase || $0 == "_" }, "\(hold.code) is not snake case")
            #expect(!hold.description.isEmpty)
        }
        #expect(Set(cases.map(\.code)).count == cases.count)
    }

    func observation(files: Int?, targets: [MountTarget], state: StateDocument = StateDocument(),
                     fileSystem: FileSystem? = nil) -> Observation {
        let count: CountObservation = files.map {
            .counted(FileCount(files: $0, complete: true, measuredAt: now, durationMs: 3), cached: false)
        } ?? .failed(reason: "the directory is not mounted")
        return Observation(count: count, mountTargets: targets, eligibleSubnets: subnets, service: nil, state: state,
                           published: MountTargetList(mountTargets: targets), fileSystem: fileSystem)
    }

    func target(_ id: String, _ az: String, _ subnet: String, _ state: MountTarget.LifeCycleState = .available) -> MountTarget {
        MountTarget(id: id, availabilityZoneName: az, subnetId: subnet, ipAddress: "10.0.0.1", lifeCycleState: state)
    }

    /// A world with two subnets: `served` of them have a mount target, the second in `second`.
    struct Case: Sendable, CustomTestStringConvertible {
        var files: Int?
        var served = 2
        var second = MountTarget.LifeCycleState.available
        var sinceAction: Int?
        var max: Int?
        var expected: String
        var testDescription: String { expected }
    }

    @Test(arguments: [
        Case(files: 900_000, expected: "all_azs_served"),
        Case(files: 900_000, served: 1, max: 1, expected: "at_max_mount_targets"),
        Case(files: 900_000, served: 1, sinceAction: 60, expected: "scale_out_cooldown"),
        Case(files: 900_000, second: .deleting, expected: "mount_target_in_transit"),
        Case(files: 10, expected: "scale_in_stabilizing"),
        Case(files: nil, served: 1, expected: "count_failed"),
    ])
    func thePlannerNamesItsHoldByCode(_ example: Case) {
        let targets = [target("fsmt-a", "ap-northeast-1a", "subnet-0a1"),
                       target("fsmt-c", "ap-northeast-1c", "subnet-0c1", example.second)]
        let state = StateDocument(lastActionCompletedAt: example.sinceAction.map { now.addingTimeInterval(-Double($0)) },
                                  ownedMountTargetIds: ["fsmt-c"])
        let plan = Planner.plan(observation(files: example.files, targets: Array(targets.prefix(example.served)), state: state),
                                policy: Policy(fileCountThreshold: 100_000, scaleInThreshold: 50, maxMountTargets: example.max),
                                now: now)
        #expect(plan.hold?.code == example.expected, "\(plan.hold.map { "\($0.code): \($0)" } ?? "no hold") \(plan.actions)")
        #expect(plan.holdReason == plan.hold?.description)
    }

    @Test func aOneZoneFileSystemHoldsWithItsOwnCode() {
        let world = observation(files: 900_000, targets: [target("fsmt-a", "ap-northeast-1a", "subnet-0a1")],
                                fileSystem: FileSystem(id: "fs-1z", availabilityZoneName: "ap-northeast-1a"))
        let plan = Planner.plan(world, policy: Policy(maxMountTargets: 3), now: now)
        #expect(plan.hold == .oneZone(fileSystemId: "fs-1z", availabilityZone: "ap-northeast-1a"))
    }

    @Test func theReportAndTheMetricsCarryTheCodeBesideTheSentence() throws {
        var report = RunReport(runId: "r-1", fileSystemId: "fs-0123abcd", threshold: 100_000, dryRun: false)
        report.hold = .atMaximum(3)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["hold_reason_code"] as? String == "at_max_mount_targets")
        #expect(json["hold_reason"] as? String == "at MAX_MOUNT_TARGETS (3)")

        let lines = EmbeddedMetrics.lines(for: report, timestamp: now)
        #expect(lines.count == 2)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(record["Holds"] as? Int == 1 && record["Reason"] as? String == "at_max_mount_targets")

        report.hold = nil
        let quiet = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(quiet["hold_reason_code"] == nil && quiet["hold_reason"] == nil)
        #expect(EmbeddedMetrics.lines(for: report, timestamp: now).count == 1)
    }
}
