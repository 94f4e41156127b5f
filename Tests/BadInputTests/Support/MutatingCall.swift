import Foundation
import TestSupport

/// The calls that change anything (DESIGN.md §3, plus setting a mount target's security
/// groups): a bad input must cause none of them.
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
        if method == "PUT", path.hasSuffix("/security-groups") { return "ModifyMountTargetSecurityGroups" }
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

extension MutatingCall {
    /// The lease writes among `requests`: `PutParameter` on the state document, which a run
    /// makes before it reads EFS and ECS (take the lease, then observe) and undoes when it stops.
    /// Everything else that mutates is returned as `others`.
    static func split(_ requests: [LocalHTTPServer.RecordedRequest], stateParameter: String)
        -> (leaseWrites: Int, others: [String]) {
        var leaseWrites = 0
        var others: [String] = []
        for request in requests {
            guard let name = operation(method: request.method, path: request.path, target: request.headers["X-Amz-Target"]) else { continue }
            if name == "PutParameter", parameterName(of: request) == stateParameter {
                leaseWrites += 1
            } else {
                others.append(name)
            }
        }
        return (leaseWrites, others)
    }

    private static func parameterName(of request: LocalHTTPServer.RecordedRequest) -> String? {
        struct Body: Decodable { var Name: String }
        return try? JSONDecoder().decode(Body.self, from: Data(request.body)).Name
    }
}
