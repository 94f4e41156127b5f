/// One `UpdateService` call: optionally a new awsvpc configuration (whole, see `ServiceState`),
/// and a forced deployment so tasks pick up the new list. One call means one deployment.
public struct ServiceUpdate: Sendable, Hashable, CustomStringConvertible {
    public var network: ServiceState.NetworkConfiguration?
    public var forceNewDeployment: Bool

    public init(network: ServiceState.NetworkConfiguration?, forceNewDeployment: Bool) {
        self.network = network
        self.forceNewDeployment = forceNewDeployment
    }

    public var description: String {
        var parts: [String] = []
        if let network { parts.append("set service subnets to \(network.subnets.joined(separator: ","))") }
        if forceNewDeployment { parts.append("force a new deployment") }
        return parts.joined(separator: " and ")
    }
}
