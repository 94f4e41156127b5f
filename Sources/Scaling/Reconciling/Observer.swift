#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Gathers an `Observation` through the protocols. Reads only; every document is validated (a
/// malformed one throws a `DocumentError` naming the parameter) and the subnets are checked
/// against the configuration before anyone may act on them.
public struct Observer: Sendable {
    /// An observation plus the version of the lock record its state was read at.
    public struct Snapshot: Sendable {
        public var observation: Observation
        public var lockVersion: Int?
    }

    let configuration: Configuration
    let fileSystem: any FileSystemAPI
    let network: any NetworkAPI
    let parameters: any ParameterStore
    let lock: (any LockStore)?
    let service: (any ServiceAPI)?
    let counter: any FileCountSource
    let clock: any Clock

    public init(configuration: Configuration, fileSystem: any FileSystemAPI, network: any NetworkAPI,
                parameters: any ParameterStore, lock: (any LockStore)?, service: (any ServiceAPI)?,
                counter: any FileCountSource, clock: any Clock) {
        self.configuration = configuration
        self.fileSystem = fileSystem
        self.network = network
        self.parameters = parameters
        self.lock = lock
        self.service = service
        self.counter = counter
        self.clock = clock
    }

    /// Reads the state document from the lock item (strongly consistent), with the version of
    /// the record it came from. Before the first lock write, or without a lock table (`plan`),
    /// the state comes from the SSM state parameter a release before the lock table wrote, if
    /// any, else it is `.initial`.
    public func readState() async throws -> (StateDocument, Int?) {
        if let lock {
            let record = try await lock.read()
            if let document = try record?.stateDocument(location: lock.location) { return (document, record?.version) }
            var legacy = try await readLegacyState() ?? .initial
            if let count = record?.count, count.measuredAt > (legacy.lastCount?.measuredAt ?? .distantPast) {
                legacy.lastCount = count
            }
            return (legacy, record?.version ?? 0)
        }
        return (try await readLegacyState() ?? .initial, nil)
    }

    /// The state parameter (`STATE_PARAMETER_NAME`) of releases before the lock table; read, never written.
    public func readLegacyState() async throws -> StateDocument? {
        guard let stored = try await parameters.get(name: configuration.stateParameterName) else { return nil }
        var document = try StateDocument.decode(stored.value, parameter: configuration.stateParameterName)
        document.lease = nil
        return document
    }

    /// The read-only checks that must pass before anything is written (even the lease): both
    /// documents parse, the subnets and security groups match the configuration, the subnets can
    /// take the configured `MOUNT_TARGET_IP_ADDRESS_TYPE`, a One Zone file system is not asked
    /// for more than one mount target or outside its AZ, EFS and ECS give usable answers, a
    /// service without awsvpc is not asked to have its subnets managed, `SERVICE_SUBNET_IDS`
    /// covers every AZ a mount target may go to, and a service whose deployment controller refuses
    /// network changes cannot have its subnets managed. Without the EFS and ECS reads, a malformed
    /// `DescribeMountTargets` or `DescribeServices` response (an HTML error page, a truncated body)
    /// surfaced only after the lock had been written and released.
    public func preflight() async throws {
        for step in preflightSteps() { _ = try await step.check() }
    }

    /// The preflight as separate steps, in the order a run performs them (`doctor` performs all
    /// of them and reports each).
    public func preflightSteps() -> [PreflightStep] {
        let configuration = configuration, parameters = parameters, network = network
        let fileSystem = fileSystem, service = service, lock = lock
        let subnetsFound = PreflightMemo<[Subnet]>()
        var steps = [
            PreflightStep(name: "state document", target: lock?.location ?? configuration.stateParameterName) {
                let (_, version) = try await readState()
                return .ok(version.map { "version \($0)" } ?? "not written yet (the first run writes it)")
            },
            PreflightStep(name: "mount-target list", target: configuration.ssmParameterName) {
                guard let list = try await parameters.get(name: configuration.ssmParameterName) else {
                    return .warning("not published yet (the autoscaler publishes it on its first run)")
                }
                let entries = try MountTargetList.decode(list.value, parameter: configuration.ssmParameterName).entries
                return .ok("version \(list.version), \(entries.count) mount target(s) published")
            },
            PreflightStep(name: "subnets", target: configuration.subnetIds?.joined(separator: ",") ?? configuration.vpcId) {
                let subnets = try await eligibleSubnets()
                subnetsFound.set(subnets)
                try configuration.validate(subnets: subnets)
                try configuration.validate(addressTypeOf: subnets)
                let zones = Set(subnets.map(\.availabilityZoneName)).sorted()
                return .ok("\(subnets.count) subnet(s) in \(zones.count) zone(s): \(zones.joined(separator: ", "))")
            },
            PreflightStep(name: "security groups", target: configuration.securityGroupIds.joined(separator: ",")) {
                let groups = try await network.describeSecurityGroups(ids: configuration.securityGroupIds)
                let subnets = subnetsFound.value ?? []
                try configuration.validate(securityGroups: groups, subnets: subnets)
                let vpc = configuration.vpcId ?? subnets.first?.vpcId
                return .ok("\(groups.count) group(s)" + (vpc.map { " in \($0)" } ?? ""))
            },
            PreflightStep(name: "file system", target: configuration.fileSystemId) {
                let described = try await fileSystem.describeFileSystem(id: configuration.fileSystemId)
                try configuration.validate(fileSystem: described, subnets: subnetsFound.value ?? [])
                return .ok(described.availabilityZoneName.map { "One Zone, in \($0): it allows one mount target" } ?? "Regional")
            },
            PreflightStep(name: "mount targets", target: configuration.fileSystemId) {
                let targets = try await fileSystem.describeMountTargets(fileSystemId: configuration.fileSystemId)
                let zones = targets.map(\.availabilityZoneName).sorted()
                return .ok("\(targets.count) mount target(s)" + (zones.isEmpty ? "" : " in " + zones.joined(separator: ", ")))
            },
        ]
        if let service, let cluster = configuration.ecsClusterName, let name = configuration.ecsServiceName {
            steps.append(PreflightStep(name: "service", target: "\(cluster)/\(name)") {
                let state = try await service.describeService()
                try configuration.validate(service: state)
                try configuration.validate(deploymentController: state.deploymentController)
                return .ok("\(state.subnets.count) subnet(s), \(state.deployments.count) deployment(s)"
                    + (state.usesAwsvpc ? "" : ", no awsvpc: tasks are placed by their container instances"))
            })
        } else {
            steps.append(PreflightStep(name: "service", target: nil) {
                .skipped("ECS_CLUSTER_NAME and ECS_SERVICE_NAME are not set: nothing is redeployed")
            })
        }
        if let ids = configuration.serviceSubnetIds {
            steps.append(PreflightStep(name: "service subnets", target: ids.joined(separator: ",")) {
                let described = try await network.describeSubnets(ids: ids)
                try configuration.validate(serviceSubnets: described, eligible: subnetsFound.value ?? [])
                let zones = Set(described.map(\.availabilityZoneName)).sorted()
                return .ok("\(described.count) subnet(s) in \(zones.count) zone(s): \(zones.joined(separator: ", "))")
            })
        }
        return steps
    }

    func eligibleSubnets() async throws -> [Subnet] {
        if let ids = configuration.subnetIds { return try await network.describeSubnets(ids: ids) }
        if let vpc = configuration.vpcId { return try await network.describeSubnets(vpcId: vpc) }
        return []
    }

    /// - Parameters:
    ///   - countDeadline: when a fresh count must stop (it then reports itself incomplete).
    ///   - reusing: a count this run already has; it is not measured again.
    public func observe(countDeadline: Date, reusing count: CountObservation? = nil) async throws -> Snapshot {
        let (state, version) = try await readState()
        let published = try await parameters.get(name: configuration.ssmParameterName).map {
            try MountTargetList.decode($0.value, parameter: configuration.ssmParameterName)
        }
        let eligible = try await eligibleSubnets()
        try configuration.validate(subnets: eligible)
        let signal: CountObservation
        if let count {
            signal = count
        } else {
            signal = await measure(cached: state.lastCount, deadline: countDeadline)
        }
        let described = try await fileSystem.describeFileSystem(id: configuration.fileSystemId)
        let mountTargets = try await fileSystem.describeMountTargets(fileSystemId: configuration.fileSystemId)
        let groups = try await securityGroups(of: mountTargets)
        let serviceState = try await service?.describeService()
        // Only a drain needs the cluster's tasks (where they run decides whether a mount target
        // may be deleted); every other run spares the ListTasks/DescribeTasks calls.
        let tasks = state.pending?.kind == .scaleInDrain ? try await service?.runningTasks() : nil
        let known = Set(eligible.map(\.id))
        var mentioned = serviceState?.subnets ?? []
        mentioned += serviceState?.deployments.flatMap { $0.subnets ?? [] } ?? []
        mentioned += tasks?.compactMap(\.subnetId) ?? []
        mentioned += configuration.serviceSubnetIds ?? []
        var seen = Set<String>()
        let unknown = mentioned.filter { !known.contains($0) && seen.insert($0).inserted }
        let others = unknown.isEmpty ? [] : try await network.describeSubnets(ids: unknown)
        let observation = Observation(count: signal, mountTargets: mountTargets, eligibleSubnets: eligible,
                                      otherSubnets: others, service: serviceState, clusterTasks: tasks, state: state,
                                      published: published, fileSystem: described, mountTargetSecurityGroups: groups)
        return Snapshot(observation: observation, lockVersion: version)
    }

    /// The groups of every `available` mount target, owned or not (a drifted one that is not
    /// owned is reported, never modified). One call per mount target: EFS has no batch form.
    func securityGroups(of mountTargets: [MountTarget]) async throws -> [String: [String]] {
        var groups: [String: [String]] = [:]
        for target in mountTargets where target.lifeCycleState == .available {
            if let found = try await fileSystem.securityGroups(ofMountTarget: target.id) { groups[target.id] = found }
        }
        return groups
    }

    /// The cached count when it is complete and younger than `COUNT_CACHE_TTL_SECONDS`, else a
    /// fresh one. A failed count is reported as such, never as zero.
    func measure(cached: FileCount?, deadline: Date) async -> CountObservation {
        let now = await clock.now()
        if let cached, cached.complete, cached.measuredAt <= now,
           now.timeIntervalSince(cached.measuredAt) < Double(configuration.countCacheTTLSeconds) {
            return .counted(cached, cached: true)
        }
        do {
            return .counted(try await counter.count(deadline: deadline), cached: false)
        } catch {
            return .failed(reason: String(describing: error))
        }
    }
}
