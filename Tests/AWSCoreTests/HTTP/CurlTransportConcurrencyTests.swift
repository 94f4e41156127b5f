import Testing
import TestSupport
@testable import AWSCore

/// `send` must not occupy cooperative-pool threads while it waits, and the curl thread must end
/// with the transport.
@Suite struct CurlTransportConcurrencyTests {
    @Test func manyConcurrentRequestsCompleteWhileThePoolStaysFree() async throws {
        let count = 50
        let gate = LocalHTTPServerGate()
        try await LocalHTTPServer.withRunning(handler: { request in
            // Every request is held on its own server thread until the test opens the gate.
            gate.wait(timeout: 20)
            return .respond(text: "reply \(request.path)")
        }) { server in
            let transport = CurlTransport(timeouts: HTTPTimeouts(connect: 2, total: 30))
            try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
                for i in 0 ..< count {
                    group.addTask {
                        (i, try await transport.send(HTTPRequest(method: "POST", url: server.url("/\(i)"), body: Array("\(i)".utf8))))
                    }
                }
                // All 50 requests are now in flight and unanswered. If `send` blocked a pool thread
                // each, nothing below could run (the pool is as wide as the core count) and the
                // gate would never open: the requests would fail with `.timeout` instead.
                #expect(await server.waitForRequests(count: count, timeout: .seconds(20)))
                let work = await Task { (1 ... 200_000).reduce(0, &+) }.value
                #expect(work == 20_000_100_000)
                gate.open()

                var seen = Set<Int>()
                for try await (i, response) in group {
                    #expect(response.status == 200)
                    #expect(response.bodyText == "reply /\(i)")
                    seen.insert(i)
                }
                #expect(seen.count == count)
            }
            #expect(Set(server.requests.map(\.bodyText)) == Set((0 ..< count).map { "\($0)" }))
        }
    }

    @Test func cancellationsRacingCompletionsResolveEveryRequestExactlyOnce() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            .delayed(by: .milliseconds(Int(request.path.dropFirst())! % 7), .respond(text: "done"))
        }) { server in
            let transport = CurlTransport(timeouts: HTTPTimeouts(connect: 2, total: 20))
            let tasks = (0 ..< 200).map { i in
                Task { try await transport.send(HTTPRequest(method: "GET", url: server.url("/\(i)"))) }
            }
            // Cancel every other request at a spread of moments: before hand-over, in flight, after.
            for (i, task) in tasks.enumerated() where i.isMultiple(of: 2) {
                if i.isMultiple(of: 8) { try await Task.sleep(for: .milliseconds(1)) }
                task.cancel()
            }
            var completed = 0
            var cancelled = 0
            for task in tasks {
                do {
                    let response = try await task.value
                    #expect(response.bodyText == "done")
                    completed += 1
                } catch let error as HTTPTransportError {
                    #expect(error.kind == .cancelled)
                    cancelled += 1
                }
            }
            #expect(completed + cancelled == 200)
            #expect(completed >= 100)  // the odd ones were never cancelled
            // Still healthy afterwards.
            #expect(try await transport.send(HTTPRequest(method: "GET", url: server.url("/1"))).bodyText == "done")
        }
    }

    @Test func releasingTheTransportStopsItsThread() async throws {
        try await LocalHTTPServer.withRunning { server in
            var transport: CurlTransport? = CurlTransport()
            let loop = try #require(transport?.loop)
            _ = try await transport?.send(HTTPRequest(method: "GET", url: server.url("/")))
            #expect(loop.status == .running)
            transport = nil
            let deadline = ContinuousClock.now + .seconds(10)
            while loop.status != .stopped && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(loop.status == .stopped)
            // The cached keep-alive connection was closed with the multi handle.
            #expect(await server.waitUntil { $0.closedConnectionCount == 1 })
        }
    }
}
