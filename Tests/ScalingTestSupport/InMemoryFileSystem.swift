#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling

/// EFS mount targets of one file system, with EFS's rules: one mount target per AZ (a second
/// create in an AZ throws `mountTargetConflict`), `creating` for `creationSeconds` before
/// `available`, `deleting` until the next describe after `deletionSeconds`. A One Zone file
/// system (`availabilityZoneName` set) takes one mount target, in its AZ. Mount targets keep
/// their security groups (`nil` for `existing` ones until `setSecurityGroups` gives them some)
/// and get addresses of the requested `IpAddressType`.
public actor InMemoryFileSystem: FileSystemAPI {
    public struct Record: Sendable {
        public var target: MountTarget
        public var createdAt: Date
        public var deletingSince: Date?
        public var securityGroups: [String]?
    }

    /// Set: a One Zone file system in this AZ.
    public let availabilityZoneName: String?

    private let subnets: [String: Subnet]
    private let clock: any Clock
    public var creationSeconds: Double
    public var deletionSeconds: Double
    public private(set) var records: [Record] = []
    /// Every mutating call that really happened, e.g. `create subnet-1 -> fsmt-1`, `delete fsmt-1`.
    public private(set) var mutations: [String] = []
    public var faults = FaultInjector()
    private var nextId = 1

    public init(subnets: [Subnet], clock: any Clock, creationSeconds: Double = 30, deletionSeconds: Double = 0,
                existing: [MountTarget] = [], availabilityZoneName: String? = nil) {
        self.availabilityZoneName = availabilityZoneName
        self.subnets = Dictionary(subnets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.creationSeconds = creationSeconds
        self.deletionSeconds = deletionSeconds
        records = existing.map { Record(target: $0, createdAt: .distantPast) }
        nextId = existing.count + 1
    }

    public func setCreationSeconds(_ seconds: Double) { creationSeconds = seconds }

    /// Creates in these subnets fail with the EFS error code given (e.g. `NoFreeAddressesInSubnet`).
    public private(set) var refusals: [String: String] = [:]

    public func refuseCreates(inSubnet subnetId: String, code: String?) { refusals[subnetId] = code }

    public func setFaults(_ update: @Sendable (inout FaultInjector) -> Void) { update(&faults) }

    public func setState(of id: String, to state: MountTarget.LifeCycleState) {
        for index in records.indices where records[index].target.id == id { records[index].target.lifeCycleState = state }
    }

    /// Current mount targets (after applying the passage of time).
    public func mountTargets() async -> [MountTarget] {
        await advance()
        return records.map(\.target)
    }

    private func advance() async {
        let now = await clock.now()
        records.removeAll { record in
            record.deletingSince.map { now.timeIntervalSince($0) >= deletionSeconds } ?? false
        }
        for index in records.indices where records[index].target.lifeCycleState == .creating
            && now.timeIntervalSince(records[index].createdAt) >= creationSeconds {
            records[index].target.lifeCycleState = .available
        }
    }

    private func fault(_ operation: String, _ timing: FaultInjector.Timing) throws {
        throw FaultInjector.InjectedFault(operation: operation, timing: timing)
    }

    public func describeMountTargets(fileSystemId: String) async throws -> [MountTarget] {
        if let timing = faults.take("describeMountTargets") { try fault("describeMountTargets", timing) }
        return await mountTargets()
    }

    public func describeMountTarget(id: String) async throws -> MountTarget? {
        if let timing = faults.take("describeMountTarget") { try fault("describeMountTarget", timing) }
        return await mountTargets().first { $0.id == id }
    }

    /// Sets a mount target's groups as someone else would (Terraform replacing the group).
    public func replaceSecurityGroups(of id: String, with groups: [String]) {
        for index in records.indices where records[index].target.id == id { records[index].securityGroups = groups }
    }

    public func securityGroups(of id: String) -> [String]? {
        records.first { $0.target.id == id }?.securityGroups
    }

    public func describeFileSystem(id: String) async throws -> FileSystem {
        if let timing = faults.take("describeFileSystem") { try fault("describeFileSystem", timing) }
        return FileSystem(id: id, availabilityZoneName: availabilityZoneName)
    }

    public func securityGroups(ofMountTarget id: String) async throws -> [String]? {
        if let timing = faults.take("securityGroups") { try fault("securityGroups", timing) }
        await advance()
        return records.first { $0.target.id == id && $0.target.lifeCycleState == .available }?.securityGroups
    }

    public func setSecurityGroups(ofMountTarget id: String, to groups: [String]) async throws {
        let timing = faults.take("setSecurityGroups")
        if timing == .before { try fault("setSecurityGroups", .before) }
        for index in records.indices where records[index].target.id == id {
            records[index].securityGroups = groups
            mutations.append("security-groups \(id) -> \(groups.joined(separator: ","))")
        }
        if timing == .after { try fault("setSecurityGroups", .after) }
    }

    public func createMountTarget(fileSystemId: String, subnetId: String, securityGroups: [String],
                                  ipAddressType: MountTargetIPAddressType) async throws -> MountTarget {
        let timing = faults.take("createMountTarget")
        if timing == .before { try fault("createMountTarget", .before) }
        if let code = refusals[subnetId] {
            throw FileSystemAPIError.refusedInAvailabilityZone(subnetId: subnetId, code: code, message: "refused (injected)")
        }
        await advance()
        guard let subnet = subnets[subnetId] else {
            throw FaultInjector.InjectedFault(operation: "createMountTarget: unknown subnet \(subnetId)", timing: .before)
        }
        if let zone = availabilityZoneName, subnet.availabilityZoneName != zone || !records.isEmpty {
            throw FaultInjector.InjectedFault(operation: "createMountTarget: One Zone file system in \(zone)", timing: .before)
        }
        if records.contains(where: { $0.target.availabilityZoneName == subnet.availabilityZoneName }) {
            throw FileSystemAPIError.mountTargetConflict(
                subnetId: subnetId, message: "mount target already exists in \(subnet.availabilityZoneName)")
        }
        let id = "fsmt-\(String(nextId, radix: 16))"
        nextId += 1
        let octet = records.count + 10
        let target = MountTarget(id: id, availabilityZoneName: subnet.availabilityZoneName,
                                 availabilityZoneId: subnet.availabilityZoneId, subnetId: subnetId,
                                 ipAddress: ipAddressType == .ipv6Only ? nil : "10.0.\(nextId).\(octet)", lifeCycleState: .creating,
                                 ipv6Address: ipAddressType == .ipv4Only ? nil : "2001:db8:\(nextId)::\(octet)")
        records.append(Record(target: target, createdAt: await clock.now(), securityGroups: securityGroups))
        mutations.append("create \(subnetId) -> \(id)")
        if timing == .after { try fault("createMountTarget", .after) }
        return target
    }

    public func deleteMountTarget(id: String) async throws {
        let timing = faults.take("deleteMountTarget")
        if timing == .before { try fault("deleteMountTarget", .before) }
        let now = await clock.now()
        for index in records.indices where records[index].target.id == id && records[index].deletingSince == nil {
            records[index].target.lifeCycleState = .deleting
            records[index].deletingSince = now
            mutations.append("delete \(id)")
        }
        if timing == .after { try fault("deleteMountTarget", .after) }
    }
}
