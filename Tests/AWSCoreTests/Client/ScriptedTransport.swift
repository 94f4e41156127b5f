import Synchronization
@testable import AWSCore

/// An in-memory transport that plays back a script of outcomes and records every request,
/// for the retry state machine and header tests where a socket adds nothing. Tests of real
/// I/O use `LocalHTTPServer` with `CurlTransport`.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case response(HTTPResponse)
        case failure(HTTPTransportError.Kind)
    }

    private let state: Mutex<(script: [Step], requests: [HTTPRequest])>
    /// Played when the script runs out.
    private let fallback: Step

    init(_ script: [Step], then fallback: Step = .response(HTTPResponse(status: 200))) {
        self.state = Mutex((script, []))
        self.fallback = fallback
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step = state.withLock { s -> Step in
            s.requests.append(request)
            return s.script.isEmpty ? fallback : s.script.removeFirst()
        }
        switch step {
        case .response(let response): return response
        case .failure(let kind): throw HTTPTransportError(kind: kind, detail: "scripted", url: request.url)
        }
    }
}

extension ScriptedTransport.Step {
    static func status(_ status: Int, _ body: String = "", headers: HTTPHeaders = [:]) -> Self {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    static let ok = status(200, "{}")
    static let throttled = status(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
    static let unavailable = status(503, "<html><body>Service Unavailable</body></html>")
}
