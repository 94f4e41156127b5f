#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// The imperative shell: take the lock, observe, plan, execute, repeat while a step revealed
/// something new (a mount target became available), release the lock, report.
///
/// It never throws: every failure ends up in `RunReport.error` so the caller decides how to
/// surface it (the Lambda runtime posts it to the error endpoint). Safety does not depend on a
/// run finishing: every mutation is preceded by the state write a later run needs to resume it,
/// and by a fence (`LockSession.fence`) proving the lock is still this run's.
public struct Reconciler: Sendable {
    let configuration: Configuration
    let fileSystem: any FileSystemAPI
    let parameters: any ParameterStore
    let lock: (any LockStore)?
    let service: (any ServiceAPI)?
    let clock: any Clock
    let logger: Logger
    let options: ReconcilerOptions
    let observer: Observer

    public init(configuration: Configuration, fileSystem: any FileSystemAPI, network: any NetworkAPI,
                parameters: any ParameterStore, lock: (any LockStore)?, service: (any ServiceAPI)?,
                counter: any FileCountSource, clock: any Clock = SystemClock(), logger: Logger, options: ReconcilerOptions) {
        self.configuration = configuration
        self.fileSystem = fileSystem
        self.parameters = parameters
        self.lock = lock
        self.service = service
        self.clock = clock
        self.options = options
        var logger = logger
        logger[metadataKey: "run_id"] = .string(options.runId)
        self.logger = logger
        observer = Observer(configuration: configuration, fileSystem: fileSystem, network: network,
                            parameters: parameters, lock: lock, service: service, counter: counter, clock: clock)
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
    var session: LockSession?
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
                guard try await takeLock() else { return await finish(started) }
            }
            try await rounds()
        } catch {
            if case ReconcilerError.lockLost = error { report.lockLost = true }
            report.error = String(describing: error)
            logger.error("run failed", metadata: ["error": "\(report.error ?? "")"])
        }
        await releaseLock()
        return await finish(started)
    }

    private func finish(_ started: Date) async -> RunReport {
        let end = await clock.now()
        report.durationMs = max(0, Int((end.timeIntervalSince(started) * 1000).rounded()))
        var kept: StateDocument?
        if let session { kept = try? await session.state }
        report.pending = configuration.dryRun ? lastObservation?.state.pending : (kept ?? lastObservation?.state)?.pending
        if let state = configuration.dryRun ? lastObservation?.state : kept ?? lastObservation?.state {
            report.describeBackoff(state, at: end)
        }
        logger.info("run finished", metadata: ["duration_ms": "\(report.durationMs)", "error": "\(report.error ?? "none")"])
        return report
    }

    // MARK: Lock

    private func takeLock() async throws -> Bool {
        guard let store = reconciler.lock else { throw ReconcilerError.noLockConfigured }
        let observer = reconciler.observer
        let session = LockSession(store: store, owner: options.runId, clock: clock,
                                  legacyState: { try await observer.readLegacyState() })
        let expiry = deadline.addingTimeInterval(options.leaseGraceSeconds)
        // Kept before the take: a take whose write landed but whose outcome stayed unknown (the
        // re-read failed too) must still be released, or the lock would block runs until it expires.
        self.session = session
        switch try await session.take(until: expiry) {
        case .acquired:
            logger.debug("lock taken", metadata: ["until": "\(DocumentCoding.format(expiry))", "lock": "\(store.location)"])
            return true
        case .held(let owner, let until):
            self.session = nil
            report.skipped = "another run (\(owner)) holds the lock until \(DocumentCoding.format(until))"
            logger.notice("run skipped", metadata: ["lock_owner": "\(owner)"])
            return false
        }
    }

    /// On every exit path once taken: a lock left behind would skip the runs until it expires.
    private func releaseLock() async {
        guard let session else { return }
        if await !session.release() {
            logger.warning("could not release the lock; it expires on its own", metadata: ["lock": "\(reconciler.lock?.location ?? "")"])
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
            if let session {
                // The lock's holder decides from the state it holds, never from another read.
                guard await session.holds, snapshot.lockVersion == (await session.version) else {
                    throw ReconcilerError.lockLost(location: reconciler.lock?.location ?? "", holder: nil)
                }
                observation.state = try await session.state
            }
            count = observation.count
            lastObservation = observation
            let now = await clock.now()
            let plan = Planner.plan(observation, policy: configuration.policy, now: now)
            describe(plan, observation: observation, round: round, now: now)
            if configuration.dryRun {
                report.actions += plan.actions.map { .init(action: $0.name, description: $0.description, status: .planned) }
                return
            }
            if plan.actions.isEmpty {
                if let bookkeeping = plan.bookkeeping { try await session?.write(bookkeeping) }
                try failIfScaleOutFailed(plan)
                try failIfDrainTimedOut(plan)
                return
            }
            let waited = try await execute(plan.actions, observation: observation)
            try failIfScaleOutFailed(plan)
            try failIfDrainTimedOut(plan)
            if !waited { return }
        }
    }

    /// A drain that timed out with users left fails the run (Lambda's error path, alarms) after
    /// the plan's own steps ran; its mount target stays.
    private func failIfDrainTimedOut(_ plan: Plan) throws {
        guard let failure = plan.failure else { return }
        report.drainTimedOut = true
        throw ReconcilerError.drainTimedOut(failure)
    }

    /// A create that timed out fails the run (Lambda's error path, alarms) after the plan's own
    /// steps (recording the backoff, deleting the mount target) ran.
    private func failIfScaleOutFailed(_ plan: Plan) throws {
        guard let failure = plan.scaleOutFailure else { return }
        throw ReconcilerError.scaleOutFailed(failure)
    }

    private func describe(_ plan: Plan, observation: Observation, round: Int, now: Date) {
        report.notices = plan.notices
        report.fileCount = observation.count.fileCount?.files
        report.count = .init(observation.count)
        if let count = observation.count.fileCount {
            report.countSource = observation.count.isCached ? "cached" : "walked"
            report.countAgeSeconds = max(0, Int(now.timeIntervalSince(count.measuredAt).rounded(.down)))
        }
        report.thresholdExceeded = plan.thresholdExceeded
        report.desiredMountTargets = plan.desiredMountTargets
        report.currentMountTargets = plan.currentMountTargets
        report.reason = plan.reason
        report.hold = plan.hold
        report.allAZsServed = plan.allAZsServed
        report.securityGroupDrift = plan.securityGroupDrift
        report.protected = plan.protected
        report.drainHeld = plan.drainHeld
        report.drainTimedOut = plan.failure != nil
        report.mountTargets = (observation.published ?? MountTargetList([])).entries
        for drift in plan.securityGroupDrift {
            logger.warning("mount target security groups drifted", metadata: [
                "mount_target": "\(drift.mountTargetId)", "az": "\(drift.availabilityZone)",
                "actual": "\(drift.actual.joined(separator: ","))", "expected": "\(drift.expected.joined(separator: ","))",
                "repair": "\(drift.owned ? "set back (owned)" : "none (not owned)")",
            ])
        }
        logger.info("planned", metadata: [
            "round": "\(round)", "current": "\(plan.currentMountTargets)", "desired": "\(plan.desiredMountTargets)",
            "actions": "\(plan.actions.map(\.name))", "reason": "\(plan.reason)",
            "hold": "\(plan.holdReason ?? "")", "hold_code": "\(plan.hold?.code ?? "")",
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
        case .recordState(let document):
            // Folds this run's events in: the plan's copy predates the steps before it.
            try await session?.write(document)
        case .createMountTarget(let az, let subnet):
            try await session?.fence()
            let result: (MountTarget, adopted: Bool)
            do {
                result = try await createOrAdopt(az: az, subnetId: subnet)
            } catch FileSystemAPIError.refusedInAvailabilityZone(_, let code, let message) {
                // The AZ backs off (and the pending scale-out ends) before the run fails.
                try await session?.record(.mountTargetCreateFailed(availabilityZone: az, error: "\(code): \(message)",
                                                                   at: await clock.now()))
                throw ReconcilerError.createRefused(availabilityZone: az, code: code, message: message)
            }
            let (target, adopted) = result
            created[az] = target
            try await session?.record(adopted ? .mountTargetAdopted(id: target.id, availabilityZone: az)
                                              : .mountTargetCreated(id: target.id, availabilityZone: az))
        case .waitAvailable(let az):
            guard let id = created[az]?.id
                ?? observation.mountTargets.first(where: { $0.availabilityZoneName == az && $0.occupiesAvailabilityZone })?.id
            else { throw ReconcilerError.nothingToWaitFor(availabilityZone: az) }
            do {
                try await waitAvailable(id: id)
            } catch ReconcilerError.mountTargetFailed(let failed, let state) where state == "error" {
                try await session?.record(.mountTargetCreateFailed(availabilityZone: az, error: "mount target \(failed) ended in error",
                                                                   at: await clock.now()))
                throw ReconcilerError.mountTargetFailed(id: failed, state: state)
            }
        case .publish(let list):
            let value = try list.encode(parameter: configuration.ssmParameterName)
            try await session?.fence()
            _ = try await reconciler.parameters.put(name: configuration.ssmParameterName, value: value, expecting: .any)
            report.mountTargets = list.entries
        case .updateService(let update):
            guard let service = reconciler.service else { return }
            try await session?.fence()
            // Taken before the call: the deployment it starts is created at or after this instant.
            let at = await clock.now()
            let deployment = try await service.updateService(update)
            if let session, update.forceNewDeployment || update.network != nil {
                let scaleOut = try await session.state.pending.flatMap { $0.kind == .scaleOut ? $0.availabilityZone : nil }
                try await session.record(.serviceUpdated(deploymentId: deployment, subnets: update.network?.subnets,
                                                         scaleOutAvailabilityZone: scaleOut, at: at))
            }
            report.deploymentTriggered = report.deploymentTriggered || update.forceNewDeployment
            if let deployment, let session, try await session.state.pending?.kind == .scaleInDrain {
                try await session.record(.deploymentForced(id: deployment))
            }
        case .deleteMountTarget(let id, _):
            try await session?.fence()
            try await reconciler.fileSystem.deleteMountTarget(id: id)
            try await session?.record(.mountTargetDeleted(id: id))
        case .setSecurityGroups(let id, _, let groups):
            try await session?.fence()
            try await reconciler.fileSystem.setSecurityGroups(ofMountTarget: id, to: groups)
        }
    }

    /// `MountTargetConflict` means the AZ already has one (an earlier attempt whose response was
    /// lost, or someone else): adopt it instead of failing or creating elsewhere.
    private func createOrAdopt(az: String, subnetId: String) async throws -> (MountTarget, adopted: Bool) {
        do {
            let target = try await reconciler.fileSystem.createMountTarget(
                fileSystemId: configuration.fileSystemId, subnetId: subnetId, securityGroups: configuration.securityGroupIds,
                ipAddressType: configuration.mountTargetIpAddressType)
            report.newMountTargetCreated = true
            return (target, false)
        } catch FileSystemAPIError.mountTargetConflict(_, let message) {
            let targets = try await reconciler.fileSystem.describeMountTargets(fileSystemId: configuration.fileSystemId)
            guard let existing = targets.first(where: { $0.availabilityZoneName == az && $0.occupiesAvailabilityZone }) else {
                throw ReconcilerError.unexplainedConflict(availabilityZone: az, message: message)
            }
            logger.notice("adopted existing mount target", metadata: ["mount_target": "\(existing.id)", "az": "\(az)"])
            return (existing, true)
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
}
