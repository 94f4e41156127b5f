#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// The imperative shell: take the lease, observe, plan, execute, repeat while a step revealed
/// something new (a mount target became available), release the lease, report.
///
/// It never throws: every failure ends up in `RunReport.error` so the caller decides how to
/// surface it (the Lambda runtime posts it to the error endpoint). Safety does not depend on a
/// run finishing: every mutation is preceded by the state write a later run needs to resume it.
public struct Reconciler: Sendable {
    let configuration: Configuration
    let fileSystem: any FileSystemAPI
    let parameters: any ParameterStore
    let service: (any ServiceAPI)?
    let clock: any Clock
    let logger: Logger
    let options: ReconcilerOptions
    let observer: Observer

    public init(configuration: Configuration, fileSystem: any FileSystemAPI, network: any NetworkAPI,
                parameters: any ParameterStore, service: (any ServiceAPI)?, counter: any FileCountSource,
                clock: any Clock = SystemClock(), logger: Logger, options: ReconcilerOptions) {
        self.configuration = configuration
        self.fileSystem = fileSystem
        self.parameters = parameters
        self.service = service
        self.clock = clock
        self.options = options
        var logger = logger
        logger[metadataKey: "run_id"] = .string(options.runId)
        self.logger = logger
        observer = Observer(configuration: configuration, fileSystem: fileSystem, network: network,
                            parameters: parameters, service: service, counter: counter, clock: clock)
    }

    /// One run, bounded by `deadline`. With `DRY_RUN` it observes and plans only.
    public func run(deadline: Date) async -> RunReport {
        let execution = Execution(reconciler: self, deadline: deadline)
        return await execution.run()
    }
}

/// The mutable state of one run. Lives inside one task only.
private final class Execution {
    let reconciler: Reconciler
    let deadline: Date
    var report: RunReport
    var state = StateDocument.initial
    var stateVersion: Int?
    var lease: Lease?
    var lastObservation: Observation?
    var created: [String: MountTarget] = [:]
    var count: CountObservation?

    var configuration: Configuration { reconciler.configuration }
    var logger: Logger { reconciler.logger }
    var clock: any Clock { reconciler.clock }
    var options: ReconcilerOptions { reconciler.options }

    init(reconciler: Reconciler, deadline: Date) {
        self.reconciler = reconciler
        self.deadline = deadline
        report = RunReport(runId: reconciler.options.runId, fileSystemId: reconciler.configuration.fileSystemId,
                           threshold: reconciler.configuration.fileCountThreshold, dryRun: reconciler.configuration.dryRun)
    }

    /// Why a run stopped executing its plan without an error.
    enum Stop: Error { case deadline }

    func run() async -> RunReport {
        let started = await clock.now()
        logger.info("run started", metadata: ["deadline": "\(DocumentCoding.format(deadline))", "dry_run": "\(configuration.dryRun)"])
        do {
            try await reconciler.observer.preflight()
            if !configuration.dryRun {
                guard try await takeLease() else { return await finish(started) }
            }
            try await rounds()
        } catch {
            report.error = String(describing: error)
            logger.error("run failed", metadata: ["error": "\(report.error ?? "")"])
        }
        await releaseLease()
        return await finish(started)
    }

    private func finish(_ started: Date) async -> RunReport {
        let end = await clock.now()
        report.durationMs = max(0, Int((end.timeIntervalSince(started) * 1000).rounded()))
        report.pending = configuration.dryRun ? lastObservation?.state.pending : state.pending
        logger.info("run finished", metadata: ["duration_ms": "\(report.durationMs)", "error": "\(report.error ?? "none")"])
        return report
    }

    // MARK: Lease

    private func takeLease() async throws -> Bool {
        let manager = LeaseManager(parameters: reconciler.parameters, parameterName: configuration.stateParameterName,
                                   clock: clock, settleSeconds: options.leaseSettleSeconds)
        let expiry = deadline.addingTimeInterval(options.leaseGraceSeconds)
        switch try await manager.acquire(owner: options.runId, until: expiry, observer: reconciler.observer) {
        case .acquired(let document, let version):
            state = document
            stateVersion = version
            lease = document.lease
            logger.debug("lease taken", metadata: ["until": "\(DocumentCoding.format(expiry))"])
            return true
        case .held(let other):
            report.skipped = "another run (\(other.owner)) holds the lease until \(DocumentCoding.format(other.expiresAt))"
            logger.notice("run skipped", metadata: ["lease_owner": "\(other.owner)"])
            return false
        }
    }

    /// Best effort: a lease left behind only delays the next run until it expires.
    private func releaseLease() async {
        guard lease != nil, let version = stateVersion else { return }
        var released = state
        released.lease = nil
        do {
            _ = try await reconciler.parameters.put(name: configuration.stateParameterName,
                                                    value: try released.encode(parameter: configuration.stateParameterName),
                                                    expecting: .version(version))
            lease = nil
        } catch {
            logger.warning("could not release the lease", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Rounds

    private func rounds() async throws {
        let now = await clock.now()
        let countDeadline = max(now, deadline.addingTimeInterval(-options.countReserveSeconds))
        for round in 0..<options.maxRounds {
            if round > 0, options.stopRequested() { return }
            let snapshot = try await reconciler.observer.observe(countDeadline: countDeadline, reusing: count)
            var observation = snapshot.observation
            if lease != nil {
                guard observation.state.lease?.owner == options.runId, snapshot.stateVersion == stateVersion else {
                    throw ReconcilerError.leaseLost(parameter: configuration.stateParameterName)
                }
                observation.state.lease = nil
            }
            count = observation.count
            lastObservation = observation
            let plan = Planner.plan(observation, policy: configuration.policy, now: await clock.now())
            describe(plan, observation: observation, round: round)
            if configuration.dryRun {
                report.actions += plan.actions.map { .init(action: $0.name, description: $0.description, status: .planned) }
                return
            }
            if plan.actions.isEmpty {
                if let bookkeeping = plan.bookkeeping { try await writeState(bookkeeping) }
                return
            }
            let waited = try await execute(plan.actions, observation: observation)
            if !waited { return }
        }
    }

    private func describe(_ plan: Plan, observation: Observation, round: Int) {
        report.fileCount = observation.count.fileCount?.files
        report.count = .init(observation.count)
        report.thresholdExceeded = plan.thresholdExceeded
        report.desiredMountTargets = plan.desiredMountTargets
        report.currentMountTargets = plan.currentMountTargets
        report.reason = plan.reason
        report.holdReason = plan.holdReason
        report.allAZsServed = plan.allAZsServed
        report.mountTargets = (observation.published ?? MountTargetList([])).entries
        logger.info("planned", metadata: [
            "round": "\(round)", "current": "\(plan.currentMountTargets)", "desired": "\(plan.desiredMountTargets)",
            "actions": "\(plan.actions.map(\.name))", "reason": "\(plan.reason)", "hold": "\(plan.holdReason ?? "")",
        ])
    }

    /// Runs the actions in order. Returns whether a wait completed (then the world changed in a
    /// way the next round must see: the new mount target gets published).
    private func execute(_ actions: [PlannedAction], observation: Observation) async throws -> Bool {
        var waited = false
        for (index, action) in actions.enumerated() {
            do {
                // A safe point: every step that must follow another lives inside one action.
                if options.stopRequested() { throw Stop.deadline }
                try await perform(action, observation: observation)
                if case .waitAvailable = action { waited = true }
                record(action, .done)
            } catch Stop.deadline {
                record(action, .deadline)
                skip(actions.dropFirst(index + 1))
                logger.notice("deadline reached; the next run resumes", metadata: ["action": "\(action.name)"])
                return false
            } catch {
                record(action, .failed, error: error)
                skip(actions.dropFirst(index + 1))
                throw error
            }
        }
        return waited
    }

    private func record(_ action: PlannedAction, _ status: RunReport.ActionRecord.Status, error: (any Error)? = nil) {
        report.actions.append(.init(action: action.name, description: action.description, status: status,
                                    error: error.map { String(describing: $0) }))
        logger.info("step", metadata: ["action": "\(action.name)", "status": "\(status.rawValue)",
                                       "detail": "\(action.description)", "error": "\(error.map { "\($0)" } ?? "")"])
    }

    private func skip(_ actions: ArraySlice<PlannedAction>) {
        for action in actions { record(action, .skipped) }
    }

    // MARK: Steps

    private func perform(_ action: PlannedAction, observation: Observation) async throws {
        switch action {
        case .recordState(var document):
            // The plan's copy of a pending operation predates this run's steps: keep the ids they
            // learnt (the deployment a resumed drain just forced), or the next run forces another.
            if var pending = document.pending, let known = state.pending, known.kind == pending.kind,
               known.availabilityZone == pending.availabilityZone, known.startedAt == pending.startedAt {
                pending.deploymentId = pending.deploymentId ?? known.deploymentId
                pending.mountTargetId = pending.mountTargetId ?? known.mountTargetId
                document.pending = pending
            }
            try await writeState(document)
        case .createMountTarget(let az, let subnet):
            try await ensureLeaseTime()
            let target = try await createOrAdopt(az: az, subnetId: subnet)
            created[az] = target
            if var pending = state.pending, pending.kind == .scaleOut, pending.availabilityZone == az {
                pending.mountTargetId = target.id
                var document = state
                document.pending = pending
                try await writeState(document)
            }
        case .waitAvailable(let az):
            guard let id = created[az]?.id
                ?? observation.mountTargets.first(where: { $0.availabilityZoneName == az && $0.occupiesAvailabilityZone })?.id
            else { throw ReconcilerError.nothingToWaitFor(availabilityZone: az) }
            try await waitAvailable(id: id)
        case .publish(let list):
            let value = try list.encode(parameter: configuration.ssmParameterName)
            _ = try await reconciler.parameters.put(name: configuration.ssmParameterName, value: value, expecting: .any)
            report.mountTargets = list.entries
        case .updateService(let update):
            guard let service = reconciler.service else { return }
            try await ensureLeaseTime()
            let deployment = try await service.updateService(update)
            report.deploymentTriggered = report.deploymentTriggered || update.forceNewDeployment
            if var pending = state.pending, pending.kind == .scaleInDrain, let deployment {
                pending.deploymentId = deployment
                var document = state
                document.pending = pending
                try await writeState(document)
            }
        case .deleteMountTarget(let id, _):
            try await ensureLeaseTime()
            try await reconciler.fileSystem.deleteMountTarget(id: id)
        }
    }

    /// `MountTargetConflict` means the AZ already has one (an earlier attempt whose response was
    /// lost, or someone else): adopt it instead of failing or creating elsewhere.
    private func createOrAdopt(az: String, subnetId: String) async throws -> MountTarget {
        do {
            let target = try await reconciler.fileSystem.createMountTarget(
                fileSystemId: configuration.fileSystemId, subnetId: subnetId, securityGroups: configuration.securityGroupIds)
            report.newMountTargetCreated = true
            return target
        } catch FileSystemAPIError.mountTargetConflict(_, let message) {
            let targets = try await reconciler.fileSystem.describeMountTargets(fileSystemId: configuration.fileSystemId)
            guard let existing = targets.first(where: { $0.availabilityZoneName == az && $0.occupiesAvailabilityZone }) else {
                throw ReconcilerError.unexplainedConflict(availabilityZone: az, message: message)
            }
            logger.notice("adopted existing mount target", metadata: ["mount_target": "\(existing.id)", "az": "\(az)"])
            return existing
        }
    }

    /// Polls with growing intervals until `available`; stops (not fails) when the next poll would
    /// pass the deadline minus the safety margin.
    private func waitAvailable(id: String) async throws {
        var attempt = 0
        while true {
            guard let target = try await reconciler.fileSystem.describeMountTarget(id: id) else {
                throw ReconcilerError.mountTargetFailed(id: id, state: "gone")
            }
            switch target.lifeCycleState {
            case .available:
                return
            case .creating, .updating, .other:
                let interval = options.pollIntervals[min(attempt, options.pollIntervals.count - 1)]
                let now = await clock.now()
                if options.stopRequested() || now.addingTimeInterval(interval) > deadline.addingTimeInterval(-options.safetyMarginSeconds) {
                    throw Stop.deadline
                }
                try await clock.sleep(seconds: interval)
                attempt += 1
            case .deleting, .deleted, .error:
                throw ReconcilerError.mountTargetFailed(id: id, state: target.lifeCycleState.rawValue)
            }
        }
    }

    /// Refuses to start a mutation the lease no longer covers.
    private func ensureLeaseTime() async throws {
        guard let lease else { return }
        if await clock.now() >= lease.expiresAt {
            throw ReconcilerError.leaseLost(parameter: configuration.stateParameterName)
        }
    }

    /// Conditional on the version this run last wrote: a takeover by another run surfaces here.
    private func writeState(_ document: StateDocument) async throws {
        var document = document
        document.lease = lease
        let name = configuration.stateParameterName
        let expecting: ParameterPrecondition = stateVersion.map { .version($0) } ?? .absent
        do {
            stateVersion = try await reconciler.parameters.put(name: name, value: try document.encode(parameter: name),
                                                               expecting: expecting)
        } catch ParameterStoreError.versionMismatch {
            throw ReconcilerError.leaseLost(parameter: name)
        }
        state = document
    }
}
