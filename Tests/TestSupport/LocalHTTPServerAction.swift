import AWSCore

extension LocalHTTPServer {
    /// What the server does with one request. Build one with the static factories:
    /// `.respond(status: 404, text: "nope")`, `.delayed(by: .seconds(2), .respond())`, `.reset`,
    /// `.close`, `.hang`.
    public struct Action: Sendable {
        enum Kind: Sendable {
            case respond(HTTPResponse, interim: [HTTPResponse])
            case delayed(Duration, Box)
            case reset
            case close
            case hang
        }

        /// Indirection so `delayed` can wrap any action.
        final class Box: Sendable {
            let action: Action
            init(_ action: Action) { self.action = action }
        }

        let kind: Kind

        /// A normal response. `Content-Length` is added unless `headers` carry one (or
        /// `Transfer-Encoding`); `Connection: close` in `headers` closes the connection afterwards.
        /// `interim` 1xx responses (e.g. `103`) are written first, to check that clients keep only
        /// the final response's headers.
        public static func respond(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = [],
                                   interim: [HTTPResponse] = []) -> Action {
            Action(kind: .respond(HTTPResponse(status: status, headers: headers, body: body), interim: interim))
        }

        public static func respond(status: Int = 200, headers: HTTPHeaders = [:], text: String) -> Action {
            respond(status: status, headers: headers, body: Array(text.utf8))
        }

        public static func respond(_ response: HTTPResponse) -> Action {
            Action(kind: .respond(response, interim: []))
        }

        /// Waits, then performs `action`. If the client goes away (or the server stops) during
        /// the wait, the connection is closed and `action` is skipped.
        public static func delayed(by delay: Duration, _ action: Action) -> Action {
            Action(kind: .delayed(delay, Box(action)))
        }

        /// Aborts the connection with a TCP RST (SO_LINGER 0) and no response: the client sees
        /// "connection reset by peer".
        public static let reset = Action(kind: .reset)

        /// Closes the connection gracefully (FIN) without a response: the client sees an empty reply.
        public static let close = Action(kind: .close)

        /// Never responds; the connection stays open until the client gives up or `stop()`.
        public static let hang = Action(kind: .hang)
    }
}

extension LocalHTTPServer.Action: CustomStringConvertible {
    /// Short, for parameterised test names: `respond(200)`, `delayed(2.0 seconds, reset)`.
    public var description: String {
        switch kind {
        case .respond(let response, let interim):
            interim.isEmpty ? "respond(\(response.status))" : "respond(\(interim.map(\.status)) then \(response.status))"
        case .delayed(let delay, let next): "delayed(\(delay), \(next.action))"
        case .reset: "reset"
        case .close: "close"
        case .hang: "hang"
        }
    }
}
