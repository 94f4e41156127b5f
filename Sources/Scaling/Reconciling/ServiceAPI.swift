/// The ECS operations the autoscaler needs, bound to one configured cluster and service.
public protocol ServiceAPI: Sendable {
    func describeService() async throws -> ServiceState
    /// One `UpdateService` call. Returns the id of the new `PRIMARY` deployment when the response
    /// names one (a drain waits for exactly that deployment).
    func updateService(_ update: ServiceUpdate) async throws -> String?
    /// Every task of the cluster whose desired status is `RUNNING` (all pages, any service or
    /// none), with where it runs: the subnet of its ENI, or the AZ of its container instance.
    /// A drain deletes a mount target only when none of them is in its AZ.
    func runningTasks() async throws -> [ClusterTask]
}
