import AWSCore
import Testing
@testable import TestSupport
import Glibc

/// Transport failures: each must surface as the right `HTTPTransportError.Kind`, promptly.
@Suite struct CurlTransportFailureTests {
    @Test func connectionRefusedIsConnect() async throws {
        let server = LocalHTTPServer()
        try server.start()
        let url = server.url("/nobody-home?X-Amz-Signature=secret")
        server.stop()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: "GET", url: url))
        }
        #expect(error?.kind == .connect)
        #expect(error?.url == "http://127.0.0.1:\(server.port)/nobody-home")
        #expect(error?.description.contains("secret") == false)
    }

    @Test(arguments: [LocalHTTPServer.Action.reset, .close])
    func peerDroppingTheConnectionIsConnectionReset(action: LocalHTTPServer.Action) async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in action }) { server in
            let error = await #expect(throws: HTTPTransportError.self) {
                try await CurlTransport().send(HTTPRequest(method: "POST", url: server.url("/"), body: [1, 2, 3]))
            }
            #expect(error?.kind == .connectionReset)
            #expect(server.requests.count == 1)
        }
    }

    @Test func slowResponseBeyondTheTotalTimeoutIsTimeout() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .delayed(by: .seconds(20), .respond()) }) { server in
            let transport = CurlTransport(timeouts: HTTPTimeouts(connect: 2, total: 20))
            let request = HTTPRequest(method: "GET", url: server.url("/slow"), timeouts: HTTPTimeouts(connect: 2, total: 0.3))
            let error = await #expect(throws: HTTPTransportError.self) { try await transport.send(request) }
            #expect(error?.kind == .timeout)
            // The transfer was really abandoned: the server sees the connection go.
            #expect(await server.waitUntil { $0.closedConnectionCount == 1 })
        }
    }

    @Test func transportDefaultTimeoutAppliesWithoutAnOverride() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .hang }) { server in
            let transport = CurlTransport(timeouts: HTTPTimeouts(connect: 2, total: 0.3))
            let error = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(HTTPRequest(method: "GET", url: server.url("/")))
            }
            #expect(error?.kind == .timeout)
        }
    }

    @Test func cancellingTheCallingTaskAbortsTheTransfer() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .hang }) { server in
            let transport = CurlTransport(timeouts: HTTPTimeouts(connect: 2, total: 60))
            let task = Task { try await transport.send(HTTPRequest(method: "GET", url: server.url("/hang"))) }
            #expect(await server.waitForRequests(count: 1))
            task.cancel()
            // With a 60 s total timeout, anything but `.cancelled` here means cancellation did not work.
            let error = await #expect(throws: HTTPTransportError.self) { try await task.value }
            #expect(error?.kind == .cancelled)
            #expect(await server.waitUntil { $0.closedConnectionCount == 1 })

            // The transport stays usable after an abort.
            server.setHandler { _ in .respond(text: "fine") }
            let next = try await transport.send(HTTPRequest(method: "GET", url: server.url("/next")))
            #expect(next.bodyText == "fine")
        }
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        try await LocalHTTPServer.withRunning { server in
            let transport = CurlTransport()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(HTTPRequest(method: "GET", url: server.url("/")))
            }
            let error = await #expect(throws: HTTPTransportError.self) { try await task.value }
            #expect(error?.kind == .cancelled)
            #expect(server.connectionCount == 0)
        }
    }
}

/// libcurl behaviour that retry logic above the transport must know about.
@Suite struct CurlTransportReusedConnectionTests {
    @Test func aReusedConnectionResetBeforeAnyResponseIsRetriedOnceByLibcurl() async throws {
        let handler = LocalHTTPServer.script([.respond(text: "first"), .reset, .respond(text: "again")])
        try await LocalHTTPServer.withRunning(handler: handler) { server in
            let transport = CurlTransport()
            #expect(try await transport.send(HTTPRequest(method: "GET", url: server.url("/1"))).bodyText == "first")
            let second = try await transport.send(HTTPRequest(method: "POST", url: server.url("/2"), body: [7]))
            #expect(second.bodyText == "again")
            let requests = server.requests
            #expect(requests.map(\.path) == ["/1", "/2", "/2"])
            #expect(requests.map(\.connectionId) == [1, 1, 2])
            #expect(requests.last?.body == [7])
        }
    }

    @Test func aResetOnAFreshConnectionIsNotRetried() async throws {
        try await LocalHTTPServer.withRunning(handler: LocalHTTPServer.script([.reset, .respond()])) { server in
            let error = await #expect(throws: HTTPTransportError.self) {
                try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/")))
            }
            #expect(error?.kind == .connectionReset)
            #expect(server.requests.count == 1)
        }
    }
}

/// A connect that never completes: a listener whose accept queue is full drops further SYNs.
@Suite struct CurlTransportConnectTimeoutTests {
    @Test func unansweredConnectIsTimeoutWithinTheConnectLimit() async throws {
        let (listener, port) = try LocalHTTPServerSocket.listen(backlog: 0)
        defer { close(listener) }
        // Fill the accept queue (never accepted), so the kernel ignores the next handshake.
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0 ..< 3 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = LocalHTTPServerSocket.loopback(port: UInt16(port))
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(fd)
        }
        try await Task.sleep(for: .milliseconds(50))

        let request = HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/", timeouts: HTTPTimeouts(connect: 0.3, total: 30))
        let error = await #expect(throws: HTTPTransportError.self) { try await CurlTransport().send(request) }
        #expect(error?.kind == .timeout)
        // The connect limit fired, not the 30 s total one.
        #expect(error?.detail.contains("Failed to connect") == true)
    }
}
