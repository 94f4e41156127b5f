/// The ids `doctor` checks, read from the environment contract (DESIGN.md §6). Each is
/// optional here: a missing one skips its checks (and the report says so) rather than failing,
/// so the doctor is useful while a deployment is still half configured.
public struct PreflightTargets: Sendable, Equatable {
    public var fileSystemID: String?
    public var vpcID: String?
    public var subnetIDs: [String]
    public var securityGroupIDs: [String]
    public var parameterName: String?
    public var clusterName: String?
    public var serviceName: String?

    public init(fileSystemID: String? = nil, vpcID: String? = nil, subnetIDs: [String] = [], securityGroupIDs: [String] = [],
                parameterName: String? = nil, clusterName: String? = nil, serviceName: String? = nil) {
        self.fileSystemID = fileSystemID
        self.vpcID = vpcID
        self.subnetIDs = subnetIDs
        self.securityGroupIDs = securityGroupIDs
        self.parameterName = parameterName
        self.clusterName = clusterName
        self.serviceName = serviceName
    }

    /// `EFS_FILE_SYSTEM_ID`, `VPC_ID`, `SUBNET_IDS` and `SECURITY_GROUP_ID` (comma-separated), `SSM_PARAMETER_NAME`,
    /// `ECS_CLUSTER_NAME`, `ECS_SERVICE_NAME`; empty or blank values count as unset.
    public init(environment env: [String: String]) {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingWhitespace(), !v.isEmpty else { return nil }
            return v
        }
        func list(_ name: String) -> [String] {
            (value(name) ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        self.init(fileSystemID: value("EFS_FILE_SYSTEM_ID"), vpcID: value("VPC_ID"), subnetIDs: list("SUBNET_IDS"),
                  securityGroupIDs: list("SECURITY_GROUP_ID"),
                  parameterName: value("SSM_PARAMETER_NAME"), clusterName: value("ECS_CLUSTER_NAME"),
                  serviceName: value("ECS_SERVICE_NAME"))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
