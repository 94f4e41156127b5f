import AWSCore
import Glibc
import Testing
@testable import TestSupport

/// The test server is itself tested over raw sockets, independently of the transport it tests.
@Suite struct LocalHTTPServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnectionAndRecordsThem() async throws {
        try await LocalHTTPServer.withRunning(handler: { .respond(status: 201, headers: ["X-Echo": $0.method], body: $0.body) }) { server in
            let client = try RawClient(port: server.port)
            client.send("PUT /a/b?x=1&y=%2F HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nX-Custom:  v  \r\n\r\nhello")
            let first = try #require(client.readResponse())
            #expect(first.head.hasPrefix("HTTP/1.1 201 Created\r\n"))
            #expect(first.head.contains("X-Echo: PUT\r\n"))
            #expect(first.body == Array("hello".utf8))

            client.send("POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: t\r\n\r\n")
            let second = try #require(client.readResponse())
            #expect(second.body == Array("abcde".utf8))

            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests[0].method == "PUT")
            #expect(requests[0].path == "/a/b")
            #expect(requests[0].query == "x=1&y=%2F")
            #expect(requests[0].headers["x-custom"] == "v")
            #expect(requests[1].path == "/chunked")
            #expect(requests[1].query == nil)
            #expect(requests[1].bodyText == "abcde")
            #expect(requests.map(\.connectionId) == [1, 1])
            #expect(server.connectionCount == 1)
        }
    }

    @Test func answersExpectContinueBeforeReadingTheBody() async throws {
        try await LocalHTTPServer.withRunning(handler: { .respond(body: $0.body) }) { server in
            let client = try RawClient(port: server.port)
            client.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
            let interim = try #require(client.readResponse())
            #expect(interim.head.hasPrefix("HTTP/1.1 100 Continue"))
            client.send("xyz")
            let final = try #require(client.readResponse())
            #expect(final.body == Array("xyz".utf8))
        }
    }

    @Test func resetSendsRSTAndCloseSendsFIN() async throws {
        try await LocalHTTPServer.withRunning(handler: { $0.path == "/reset" ? .reset : .close }) { server in
            let reset = try RawClient(port: server.port)
            reset.send("GET /reset HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(reset.readUntilClosed() == .reset)

            let closed = try RawClient(port: server.port)
            closed.send("GET /close HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(closed.readUntilClosed() == .eof)
            #expect(await server.waitUntil { $0.closedConnectionCount == 2 })
        }
    }

    @Test func delayedResponseArrivesAndAbandonedDelayEndsTheConnection() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            .delayed(by: request.path == "/short" ? .milliseconds(50) : .seconds(30), .respond(text: "late"))
        }) { server in
            let short = try RawClient(port: server.port)
            short.send("GET /short HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try #require(short.readResponse()).body == Array("late".utf8))

            let abandoned = try RawClient(port: server.port)
            abandoned.send("GET /long HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(await server.waitForRequests(count: 2))
            abandoned.close()
            // The server notices the client left during the 30 s delay instead of waiting it out.
            #expect(await server.waitUntil { $0.closedConnectionCount == 1 })
        }
    }

    @Test func stopRefusesNewConnectionsAndEndsHangingOnes() async throws {
        let server = LocalHTTPServer { _ in .hang }
        try server.start()
        let port = server.port
        #expect(port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(port)")
        let hanging = try RawClient(port: port)
        hanging.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(await server.waitForRequests(count: 1))
        server.stop()
        #expect(hanging.readUntilClosed() != .timedOut)
        #expect(throws: RawClient.ConnectError.self) { try RawClient(port: port) }
    }

    @Test func malformedRequestGets400() async throws {
        try await LocalHTTPServer.withRunning { server in
            let client = try RawClient(port: server.port)
            client.send("NONSENSE\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.head.hasPrefix("HTTP/1.1 400 "))
            #expect(server.requests.isEmpty)
        }
    }

    @Test func parserHandlesPartialAndPipelinedInput() throws {
        let two = Array("GET /1 HTTP/1.1\r\nA: b\r\n\r\nGET /2 HTTP/1.1\r\n\r\n".utf8)
        guard case .complete(let first) = try LocalHTTPServerRequestParser.parse(two) else {
            Issue.record("first request not parsed"); return
        }
        #expect(first.head.target == "/1")
        #expect(first.head.headers["a"] == "b")
        guard case .complete(let second) = try LocalHTTPServerRequestParser.parse(Array(two[first.consumed...])) else {
            Issue.record("second request not parsed"); return
        }
        #expect(second.head.target == "/2")

        #expect(try LocalHTTPServerRequestParser.parse(Array("GET / HTTP/1.1\r\n".utf8)) == .incomplete(head: nil))
        let partialBody = try LocalHTTPServerRequestParser.parse(Array("PUT / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab".utf8))
        guard case .incomplete(let head?) = partialBody else { Issue.record("expected a head"); return }
        #expect(head.method == "PUT")
        #expect(throws: LocalHTTPServerParseError.self) {
            try LocalHTTPServerRequestParser.parse(Array("PUT / HTTP/1.1\r\nContent-Length: -1\r\n\r\n".utf8))
        }
        #expect(throws: LocalHTTPServerParseError.self) {
            try LocalHTTPServerRequestParser.parse(Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8))
        }
    }
}

/// A deliberately dumb blocking client, so the server is checked byte for byte.
final class RawClient {
    struct ConnectError: Error {}
    enum Ending: Equatable { case eof, reset, timedOut }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = LocalHTTPServerSocket.loopback(port: UInt16(port))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { Glibc.close(fd); throw ConnectError() }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(fd) }

    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    func send(_ text: String) { _ = LocalHTTPServerSocket.sendAll(fd, Array(text.utf8)) }

    /// Reads one response (head and a Content-Length body); `nil` if the connection ends first.
    func readResponse() -> (head: String, body: [UInt8])? {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: " ")) } ?? 0
                if buffer.count >= end + length {
                    let body = Array(buffer[end ..< end + length])
                    buffer.removeFirst(end + length)
                    return (head, body)
                }
            }
            guard fill() == nil else { return nil }
        }
    }

    func readUntilClosed() -> Ending {
        while true {
            if let ending = fill() { return ending }
        }
    }

    private func fill() -> Ending? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer += chunk[..<n]; return nil }
        if n == 0 { return .eof }
        return errno == ECONNRESET ? .reset : .timedOut
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0 ... buffer.count - 4 where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
