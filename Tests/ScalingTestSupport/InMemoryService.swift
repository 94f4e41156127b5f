#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Scaling

/// One ECS service in a cluster: `UpdateService` replaces the awsvpc configuration and, when
/// forced or when the network changed, starts a new `PRIMARY` deployment (`IN_PROGRESS`, no
/// running task yet) until `completeRollout()` (or `autoComplete`) marks it `COMPLETED`, gives it
/// `desiredCount` running tasks and retires the older deployments with their tasks.
///
/// Each deployment keeps its own subnets, as ECS does: `rollBack()` restores the previous
/// deployment's network the way a circuit breaker does. The service's tasks run in their
/// deployment's subnets (task `i` in subnet `i % count`); `otherTasks` are the cluster's tasks of
/// anything else (`RunTask`, scheduled tasks, another service).
public actor InMemoryService: ServiceAPI {
    public private(set) var state: ServiceState
    /// Every update that happened, in order.
    public private(set) var updates: [ServiceUpdate] = []
    public var faults = FaultInjector()
    public var autoComplete: Bool
    public var desiredCount: Int
    /// Running tasks of the cluster that are not this service's.
    public var otherTasks: [ClusterTask] = []
    /// How many times `runningTasks()` was asked.
    public private(set) var taskListings = 0
    private let clock: any Clock
    private var nextDeployment = 1

    public init(subnets: [String], securityGroups: [String] = ["sg-0aaa"], clock: any Clock, autoComplete: Bool = false,
                desiredCount: Int = 2, usesAwsvpc: Bool = true) {
        state = ServiceState(deployments: [.init(id: "ecs-svc/0", status: .primary, rolloutState: .completed,
                                                 subnets: usesAwsvpc ? subnets : nil, runningCount: desiredCount)],
                             network: .init(subnets: subnets, securityGroups: securityGroups, assignPublicIp: false),
                             usesAwsvpc: usesAwsvpc)
        self.clock = clock
        self.autoComplete = autoComplete
        self.desiredCount = desiredCount
    }

    public func setFaults(_ update: @Sendable (inout FaultInjector) -> Void) { update(&faults) }

    public func setOtherTasks(_ tasks: [ClusterTask]) { otherTasks = tasks }

    public func setAutoComplete(_ value: Bool) { autoComplete = value }

    public var deploymentsStarted: Int { nextDeployment - 1 }

    /// The PRIMARY deployment reaches its desired count; older deployments stop their tasks.
    public func completeRollout() {
        state.deployments = state.deployments.filter { $0.status == .primary }.map {
            var deployment = $0
            deployment.rolloutState = .completed
            deployment.runningCount = desiredCount
            return deployment
        }
    }

    /// The rollout failed (circuit breaker without rollback): the new deployment is `FAILED` and
    /// the older one keeps its tasks running.
    public func failRollout() {
        state.deployments = state.deployments.map {
            var deployment = $0
            if deployment.status == .primary { deployment.rolloutState = .failed }
            return deployment
        }
    }

    /// A circuit-breaker rollback: a new PRIMARY deployment with the previous deployment's
    /// network, which becomes the service's network again.
    public func rollBack() async {
        guard let previous = state.deployments.last(where: { $0.status == .active }), let subnets = previous.subnets else { return }
        state.network.subnets = subnets
        startDeployment(subnets: subnets, now: await clock.now())
    }

    /// Another actor (a CI/CD pipeline, Terraform) deploys with its own subnet list.
    public func deployElsewhere(subnets: [String]) async {
        state.network.subnets = subnets
        startDeployment(subnets: subnets, now: await clock.now())
    }

    /// A deployment controller other than ECS (CODE_DEPLOY, EXTERNAL) never reports `rolloutState`.
    public func forgetRolloutStates() {
        state.deployments = state.deployments.map {
            var deployment = $0
            deployment.rolloutState = nil
            return deployment
        }
    }

    public func describeService() async throws -> ServiceState {
        if let timing = faults.take("describeService") {
            throw FaultInjector.InjectedFault(operation: "describeService", timing: timing)
        }
        return state
    }

    public func runningTasks() async throws -> [ClusterTask] {
        if let timing = faults.take("runningTasks") {
            throw FaultInjector.InjectedFault(operation: "runningTasks", timing: timing)
        }
        taskListings += 1
        var tasks: [ClusterTask] = []
        for deployment in state.deployments where deployment.mayHaveRunningTasks {
            let subnets = deployment.subnets ?? []
            for index in 0..<(deployment.runningCount ?? 0) {
                let subnet = subnets.isEmpty ? nil : subnets[index % subnets.count]
                tasks.append(ClusterTask(arn: "arn:aws:ecs:task/\(deployment.id)/\(index)", subnetId: subnet, availabilityZone: nil))
            }
        }
        return tasks + otherTasks
    }

    public func updateService(_ update: ServiceUpdate) async throws -> String? {
        let timing = faults.take("updateService")
        if timing == .before { throw FaultInjector.InjectedFault(operation: "updateService", timing: .before) }
        updates.append(update)
        let networkChanged = update.network.map { $0 != state.network } ?? false
        if let network = update.network { state.network = network }
        var started: String?
        if update.forceNewDeployment || networkChanged {
            started = startDeployment(subnets: state.network.subnets, now: await clock.now())
        }
        if timing == .after { throw FaultInjector.InjectedFault(operation: "updateService", timing: .after) }
        return started
    }

    @discardableResult
    private func startDeployment(subnets: [String], now: Date) -> String {
        let id = "ecs-svc/\(nextDeployment)"
        nextDeployment += 1
        state.deployments = state.deployments.map {
            var deployment = $0
            if deployment.status == .primary { deployment.status = .active }
            return deployment
        } + [.init(id: id, status: .primary, rolloutState: autoComplete ? .completed : .inProgress,
                   createdAt: now, updatedAt: now, subnets: state.usesAwsvpc ? subnets : nil, runningCount: 0)]
        if autoComplete { completeRollout() }
        return id
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
