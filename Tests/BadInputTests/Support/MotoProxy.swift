import AWSCore
import Dispatch
import Foundation
import Synchronization
import TestSupport

/// A `LocalHTTPServer` in front of moto that forwards every call unchanged except the one
/// operation under test, whose response it replaces. Pointing `AWS_ENDPOINT_URL` at it gives
/// the binary a real deployment with exactly one broken answer, and the server's recorded
/// requests show every call the binary made.
///
/// Forwarding keeps the `Host` header the client signed, so moto's signature check passes.
final class MotoProxy: Sendable {
    let server: LocalHTTPServer

    init(moto: MotoServer, operation: String?, replacement: LocalHTTPServer.Action?) {
        let transport = CurlTransport(environment: [:])
        let upstream = moto.endpoint
        server = LocalHTTPServer { request in
            if let operation, let replacement, Self.operation(of: request) == operation { return replacement }
            return Self.forward(request, to: upstream, over: transport)
        }
    }

    func start() throws { try server.start() }
    func stop() { server.stop() }
    var endpoint: String { server.baseURL }
    var requests: [LocalHTTPServer.RecordedRequest] { server.requests }

    /// The AWS operation a request calls: `X-Amz-Target` (SSM, ECS), `Action=` (EC2), or the
    /// EFS REST route.
    static func operation(of request: LocalHTTPServer.RecordedRequest) -> String {
        if let target = request.headers["X-Amz-Target"], let dot = target.lastIndex(of: ".") {
            return String(target[target.index(after: dot)...])
        }
        for pair in request.bodyText.split(separator: "&") where pair.hasPrefix("Action=") {
            return String(pair.dropFirst("Action=".count))
        }
        let path = request.path
        if path.hasSuffix("/file-systems") || path.contains("/file-systems?") { return "DescribeFileSystems" }
        if path.contains("/mount-targets") {
            switch request.method {
            case "POST": return "CreateMountTarget"
            case "DELETE": return "DeleteMountTarget"
            default: return "DescribeMountTargets"
            }
        }
        return "\(request.method) \(path)"
    }

    /// Sends `request` to moto and relays the answer. Runs on the server's connection thread
    /// (never the cooperative pool), so waiting on a semaphore is safe.
    private static func forward(_ request: LocalHTTPServer.RecordedRequest, to upstream: String,
                                over transport: CurlTransport) -> LocalHTTPServer.Action {
        let hopByHop: Set<String> = ["connection", "content-length", "transfer-encoding", "expect", "keep-alive"]
        var headers = HTTPHeaders()
        for field in request.headers where !hopByHop.contains(field.name.lowercased()) {
            headers.add(field.name, field.value)
        }
        let outgoing = HTTPRequest(method: request.method, url: upstream + request.target, headers: headers, body: request.body)
        let result = Mutex<Result<HTTPResponse, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let response = try await transport.send(outgoing)
                result.withLock { $0 = .success(response) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        guard case .success(let response)? = result.withLock({ $0 }) else { return .reset }
        var relayed = HTTPHeaders()
        for field in response.headers where !hopByHop.contains(field.name.lowercased()) {
            relayed.add(field.name, field.value)
        }
        return .respond(status: response.status, headers: relayed, body: response.body)
    }
}
