import Foundation
import Testing
@testable import Scaling

/// Issue 17: security groups that drift, IPv6 subnets, One Zone file systems.
@Suite struct PlannerDriftAndZoneTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let subnets = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 100),
        Subnet(id: "subnet-0c1", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 100),
        Subnet(id: "subnet-0d1", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01", availableIpAddressCount: 100),
    ]

    func target(_ id: String, _ az: String, _ subnet: String, ipv6: String? = nil) -> MountTarget {
        MountTarget(id: id, availabilityZoneName: az, subnetId: subnet, ipAddress: "10.0.0.\(id.count)", lifeCycleState: .available,
                    ipv6Address: ipv6)
    }

    func observation(files: Int, targets: [MountTarget], subnets: [Subnet]? = nil, owned: [String] = [],
                     groups: [String: [String]] = [:], fileSystem: FileSystem? = nil) -> Observation {
        Observation(count: .counted(FileCount(files: files, complete: true, measuredAt: now, durationMs: 3), cached: false),
                    mountTargets: targets, eligibleSubnets: subnets ?? self.subnets, service: nil,
                    state: StateDocument(ownedMountTargetIds: owned), published: MountTargetList(mountTargets: targets),
                    fileSystem: fileSystem, mountTargetSecurityGroups: groups)
    }

    func policy(groups: [String] = ["sg-new"], max: Int? = nil, type: MountTargetIPAddressType = .ipv4Only) -> Policy {
        var policy = Policy(maxMountTargets: max)
        policy.securityGroupIds = groups
        policy.ipAddressType = type
        return policy
    }

    // MARK: Security groups

    @Test func anOwnedMountTargetOnAReplacedGroupIsSetBack() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        let world = observation(files: 10, targets: [a, c], owned: ["fsmt-c"],
                                groups: ["fsmt-a": ["sg-new"], "fsmt-c": ["sg-old"]])
        let plan = Planner.plan(world, policy: policy(), now: now)
        // The fresh count rides along in a state record, as with any plan that has actions.
        #expect(plan.actions.dropLast() == [.setSecurityGroups(mountTargetId: "fsmt-c", availabilityZone: "ap-northeast-1c", groups: ["sg-new"])])
        #expect(plan.actions.last?.name == "record_state")
        #expect(plan.securityGroupDrift == [SecurityGroupDrift(mountTargetId: "fsmt-c", availabilityZone: "ap-northeast-1c",
                                                               actual: ["sg-old"], expected: ["sg-new"], owned: true)])
        #expect(plan.reason.contains("set the security groups of mount target fsmt-c"), "\(plan.reason)")
    }

    @Test func aDriftedMountTargetNotOwnedIsReportedAndLeftAlone() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let plan = Planner.plan(observation(files: 10, targets: [a], groups: ["fsmt-a": ["sg-old", "sg-x"]]), policy: policy(), now: now)
        #expect(plan.actions.isEmpty)
        #expect(plan.securityGroupDrift.map(\.owned) == [false])
        #expect(plan.securityGroupDrift.first?.actual == ["sg-old", "sg-x"])
    }

    @Test func theSameGroupsInAnotherOrderAreNoDriftAndUnreadTargetsAreNotJudged() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1"), c = target("fsmt-c", "ap-northeast-1c", "subnet-0c1")
        let world = observation(files: 10, targets: [a, c], owned: ["fsmt-a", "fsmt-c"], groups: ["fsmt-a": ["sg-2", "sg-1"]])
        let plan = Planner.plan(world, policy: policy(groups: ["sg-1", "sg-2"]), now: now)
        #expect(plan.actions.isEmpty && plan.securityGroupDrift.isEmpty)
    }

    @Test func theGroupsAreFixedBeforeTheListAndTheDeployment() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        var world = observation(files: 10, targets: [a], owned: ["fsmt-a"], groups: ["fsmt-a": ["sg-old"]])
        world.published = MountTargetList([])
        world.service = ServiceState(deployments: [], network: .init(subnets: ["subnet-0a1"], securityGroups: ["sg-svc"]))
        let plan = Planner.plan(world, policy: policy(), now: now)
        #expect(plan.actions.map(\.name) == ["set_security_groups", "publish", "update_service", "record_state"])
    }

    // MARK: One Zone

    @Test func aOneZoneFileSystemNeverGetsASecondMountTarget() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let world = observation(files: 900_000, targets: [a], fileSystem: FileSystem(id: "fs-1z", availabilityZoneName: "ap-northeast-1a"))
        let plan = Planner.plan(world, policy: policy(max: 3), now: now)
        #expect(plan.actions.isEmpty, "\(plan.actions)")
        #expect(plan.desiredMountTargets == 1)
        #expect(plan.hold == .oneZone(fileSystemId: "fs-1z", availabilityZone: "ap-northeast-1a"))
        #expect(plan.allAZsServed)
    }

    @Test func aOneZoneFileSystemGetsItsMountTargetInItsOwnZone() {
        let world = observation(files: 10, targets: [], fileSystem: FileSystem(id: "fs-1z", availabilityZoneName: "ap-northeast-1d"))
        let plan = Planner.plan(world, policy: policy(), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-0d1")), "\(plan.actions)")
    }

    @Test func aRegionalFileSystemStillGrows() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1")
        let plan = Planner.plan(observation(files: 900_000, targets: [a], fileSystem: FileSystem(id: "fs-1")), policy: policy(), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-0c1")))
    }

    // MARK: IPv6

    @Test func anIPv6OnlySubnetWithNoIPv4AddressIsNotFull() {
        let native = [
            Subnet(id: "subnet-6a", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 0, ipv6Native: true),
            Subnet(id: "subnet-6c", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 0, ipv6Native: true),
        ]
        let a = MountTarget(id: "fsmt-a", availabilityZoneName: "ap-northeast-1a", subnetId: "subnet-6a", ipAddress: nil,
                            lifeCycleState: .available, ipv6Address: "2001:db8::a")
        let plan = Planner.plan(observation(files: 900_000, targets: [a], subnets: native), policy: policy(type: .ipv6Only), now: now)
        #expect(plan.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-6c")), "\(plan.holdReason ?? "")")
        // The IPv6-only mount target is published, with its only address.
        #expect(plan.published.entries.map(\.ipAddress) == ["2001:db8::a"])
        #expect(plan.published.entries.map(\.ipv6Address) == ["2001:db8::a"])
    }

    @Test func theAddressTypeDecidesWhichSubnetsFit() {
        let mixed = [
            Subnet(id: "subnet-4c", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 50),
            Subnet(id: "subnet-6c", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 0, ipv6Native: true),
        ]
        let ipv4 = Planner.plan(observation(files: 10, targets: [], subnets: mixed), policy: policy(type: .ipv4Only), now: now)
        #expect(ipv4.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-4c")))
        let ipv6 = Planner.plan(observation(files: 10, targets: [], subnets: mixed), policy: policy(type: .ipv6Only), now: now)
        #expect(ipv6.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1c", subnetId: "subnet-6c")))
        let full = [Subnet(id: "subnet-4c", availabilityZoneName: "ap-northeast-1c", vpcId: "vpc-01", availableIpAddressCount: 0)]
        let dual = Planner.plan(observation(files: 10, targets: [], subnets: full), policy: policy(type: .dualStack), now: now)
        #expect(!dual.actions.contains { $0.name == "create_mount_target" }, "a dual-stack target needs an IPv4 address too")
        let noIPv6 = [Subnet(id: "subnet-4a", availabilityZoneName: "ap-northeast-1a", vpcId: "vpc-01", availableIpAddressCount: 9,
                             hasIPv6CidrBlock: false),
                      Subnet(id: "subnet-4d", availabilityZoneName: "ap-northeast-1d", vpcId: "vpc-01", availableIpAddressCount: 9,
                             hasIPv6CidrBlock: true)]
        let dualRange = Planner.plan(observation(files: 10, targets: [], subnets: noIPv6), policy: policy(type: .dualStack), now: now)
        #expect(dualRange.actions.contains(.createMountTarget(availabilityZone: "ap-northeast-1d", subnetId: "subnet-4d")),
                "a dual-stack target needs an IPv6 range: \(dualRange.actions)")
    }

    @Test func aDualStackMountTargetIsPublishedWithItsIPv6Address() {
        let a = target("fsmt-a", "ap-northeast-1a", "subnet-0a1", ipv6: "2001:db8::5")
        var world = observation(files: 10, targets: [a])
        world.published = MountTargetList([MountTargetList.Entry(mountTargetId: "fsmt-a", ipAddress: "10.0.0.6",
                                                                 availabilityZone: "ap-northeast-1a", subnetId: "subnet-0a1")])
        let plan = Planner.plan(world, policy: policy(), now: now)
        #expect(plan.actions.map(\.name) == ["publish", "record_state"])
        #expect(plan.published.entries.first?.ipv6Address == "2001:db8::5")
    }
}
