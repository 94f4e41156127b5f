/// The ECS operations the autoscaler needs, bound to one configured cluster and service.
public protocol ServiceAPI: Sendable {
    func describeService() async throws -> ServiceState
    /// One `UpdateService` call. Returns the id of the new `PRIMARY` deployment when the response
    /// names one (a drain waits for exactly that deployment).
    func updateService(_ update: ServiceUpdate) async throws -> String?
}
