extension Configuration {
    /// The rule that needs ECS data: `MANAGE_SERVICE_SUBNETS=true` only for a service with awsvpc
    /// networking. A service in bridge or host mode (EC2 launch type) has no subnets to move: its
    /// tasks run wherever its container instances are, so managing "its subnets" would change
    /// nothing while the autoscaler believed its tasks had moved. Called by preflight, before any
    /// write; the error has the same shape as `parse`'s.
    public func validate(service: ServiceState) throws(ConfigurationError) {
        guard manageServiceSubnets, !service.usesAwsvpc else { return }
        throw ConfigurationError(problems: [.init(
            variable: "MANAGE_SERVICE_SUBNETS", value: "true",
            allowed: "false for ECS service \(ecsServiceName ?? "?") in cluster \(ecsClusterName ?? "?"): it does not use "
                + "awsvpc networking (EC2 launch type in bridge or host mode), so it has no subnets to move; its tasks "
                + "run where its container instances are, and only moving those instances takes them out of an AZ")])
    }
}
