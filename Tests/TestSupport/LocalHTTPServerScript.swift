import Synchronization

extension LocalHTTPServer {
    /// A handler that answers the n-th request with `actions[n]`, and every request after the
    /// last with the last action: `LocalHTTPServer(handler: LocalHTTPServer.script([.reset,
    /// .respond(status: 503), .respond(text: "ok")]))` for retry tests.
    ///
    /// The count is over all requests the server receives, in arrival order (concurrent requests
    /// take the actions in whatever order they arrive).
    public static func script(_ actions: [Action]) -> Handler {
        precondition(!actions.isEmpty, "LocalHTTPServer.script needs at least one action")
        let next = Mutex(0)
        return { _ in
            let index = next.withLock { n in
                defer { n += 1 }
                return min(n, actions.count - 1)
            }
            return actions[index]
        }
    }
}
