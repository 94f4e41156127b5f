import TestSupport

/// The four calls that change anything (DESIGN.md §3): a bad input must cause none of them.
enum MutatingCall {
    /// The mutating operation a request performs, `nil` for a read.
    static func operation(method: String, path: String, target: String?) -> String? {
        if let target {
            if target.hasSuffix(".PutParameter") { return "PutParameter" }
            if target.hasSuffix(".UpdateService") { return "UpdateService" }
            return nil
        }
        if method == "POST", path.hasSuffix("/mount-targets") { return "CreateMountTarget" }
        if method == "DELETE", path.contains("/mount-targets/") { return "DeleteMountTarget" }
        return nil
    }

    /// The mutating calls in moto's request log.
    static func found(in log: [MotoRequestLogEntry]) -> [String] {
        log.compactMap { operation(method: $0.method, path: $0.path, target: $0.target) }
    }

    /// The mutating calls a `LocalHTTPServer` recorded.
    static func found(in requests: [LocalHTTPServer.RecordedRequest]) -> [String] {
        requests.compactMap { operation(method: $0.method, path: $0.path, target: $0.headers["X-Amz-Target"]) }
    }
}
