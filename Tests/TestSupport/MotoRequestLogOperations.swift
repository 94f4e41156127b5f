/// Names the AWS operation behind each logged request, so a test can say "exactly one
/// CreateMountTarget" instead of matching paths. EFS is rest-json (the method and path say what
/// it is); SSM and ECS are JSON 1.1 (`X-Amz-Target`); EC2 is query (`Action=` in the query or
/// the form body, which the log does not keep: EC2 calls read as `EC2`).
extension MotoRequestLogEntry {
    public var operation: String {
        if let target, let dot = target.lastIndex(of: ".") { return String(target[target.index(after: dot)...]) }
        if path.hasPrefix("/2015-02-01/mount-targets") {
            switch method {
            case "POST": return "CreateMountTarget"
            case "DELETE": return "DeleteMountTarget"
            case "PUT": return "ModifyMountTargetSecurityGroups"
            default: return path.hasSuffix("/security-groups") ? "DescribeMountTargetSecurityGroups" : "DescribeMountTargets"
            }
        }
        if path.hasPrefix("/2015-02-01/file-systems") { return method == "GET" ? "DescribeFileSystems" : "\(method) file-systems" }
        return "\(method) \(path)"
    }

    /// Calls that change the world, the lock item included (reads and STS/IAM are not).
    public var isMutating: Bool {
        ["CreateMountTarget", "DeleteMountTarget", "ModifyMountTargetSecurityGroups", "PutParameter", "UpdateService",
         "PutItem", "UpdateItem"].contains(operation)
    }
}

extension Array where Element == MotoRequestLogEntry {
    /// How many requests were `operation` (optionally on one SSM parameter).
    public func count(_ operation: String, parameter: String? = nil) -> Int {
        filter { $0.operation == operation && (parameter == nil || $0.parameterName == parameter) }.count
    }

    /// The mutating calls, as `Operation` or `Operation name`, in order: readable in a failure.
    public var mutations: [String] {
        filter(\.isMutating).map { entry in entry.parameterName.map { "\(entry.operation) \($0)" } ?? entry.operation }
    }
}
