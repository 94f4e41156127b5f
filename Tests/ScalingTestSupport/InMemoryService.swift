#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling

/// One ECS service: `UpdateService` replaces the awsvpc configuration and, when forced or when
/// the network changed, starts a new `PRIMARY` deployment (`IN_PROGRESS`) until
/// `completeRollout()` (or `autoComplete`) marks it `COMPLETED`.
public actor InMemoryService: ServiceAPI {
    public private(set) var state: ServiceState
    /// Every update that happened, in order.
    public private(set) var updates: [ServiceUpdate] = []
    public var faults = FaultInjector()
    public var autoComplete: Bool
    private let clock: any Clock
    private var nextDeployment = 1

    public init(subnets: [String], securityGroups: [String] = ["sg-0aaa"], clock: any Clock, autoComplete: Bool = false) {
        state = ServiceState(deployments: [.init(id: "ecs-svc/0", status: "PRIMARY", rolloutState: "COMPLETED")],
                             network: .init(subnets: subnets, securityGroups: securityGroups, assignPublicIp: false))
        self.clock = clock
        self.autoComplete = autoComplete
    }

    public func setFaults(_ update: @Sendable (inout FaultInjector) -> Void) { update(&faults) }

    public var deploymentsStarted: Int { nextDeployment - 1 }

    public func completeRollout() {
        state.deployments = state.deployments.filter { $0.status == "PRIMARY" }.map {
            var deployment = $0
            deployment.rolloutState = "COMPLETED"
            return deployment
        }
    }

    public func describeService() async throws -> ServiceState {
        if let timing = faults.take("describeService") {
            throw FaultInjector.InjectedFault(operation: "describeService", timing: timing)
        }
        return state
    }

    public func updateService(_ update: ServiceUpdate) async throws -> String? {
        let timing = faults.take("updateService")
        if timing == .before { throw FaultInjector.InjectedFault(operation: "updateService", timing: .before) }
        updates.append(update)
        let networkChanged = update.network.map { $0 != state.network } ?? false
        if let network = update.network { state.network = network }
        var started: String?
        if update.forceNewDeployment || networkChanged {
            let id = "ecs-svc/\(nextDeployment)"
            nextDeployment += 1
            let now = await clock.now()
            state.deployments = state.deployments.map {
                var deployment = $0
                if deployment.status == "PRIMARY" { deployment.status = "ACTIVE" }
                return deployment
            } + [.init(id: id, status: "PRIMARY", rolloutState: autoComplete ? "COMPLETED" : "IN_PROGRESS",
                       createdAt: now, updatedAt: now)]
            if autoComplete { completeRollout() }
            started = id
        }
        if timing == .after { throw FaultInjector.InjectedFault(operation: "updateService", timing: .after) }
        return started
    }

    // MARK: Rollout outcomes (scale-out tests)

    /// The PRIMARY deployment's rollout completes now (`updatedAt` is when, as ECS reports it).
    public func completeRollout(at date: Date) {
        state.deployments = state.deployments.filter { $0.status == "PRIMARY" }.map {
            var deployment = $0
            deployment.rolloutState = "COMPLETED"
            deployment.updatedAt = date
            return deployment
        }
    }

    /// The PRIMARY deployment's rollout fails. With `rollback`, the circuit breaker restores the
    /// network configuration `previous` in a new PRIMARY deployment and the failed one is gone
    /// from `DescribeServices` (drained); without, it stays PRIMARY with rollout `FAILED`.
    public func failRollout(rollback previous: ServiceState.NetworkConfiguration? = nil) async {
        let now = await clock.now()
        guard let previous else {
            state.deployments = state.deployments.map {
                var deployment = $0
                if deployment.status == "PRIMARY" { deployment.rolloutState = "FAILED"; deployment.updatedAt = now }
                return deployment
            }
            return
        }
        state.network = previous
        state.deployments = state.deployments.filter { $0.status != "PRIMARY" } + [
            .init(id: "ecs-svc/rollback-\(nextDeployment)", status: "PRIMARY", rolloutState: "IN_PROGRESS", createdAt: now, updatedAt: now),
        ]
        nextDeployment += 1
    }

    /// What the service is set to run as, for tests that set it up by hand.
    public func setDeploymentController(_ controller: String?) { state.deploymentController = controller }
}
