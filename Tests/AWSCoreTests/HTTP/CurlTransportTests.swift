import AWSCore
import Testing
import TestSupport

/// `CurlTransport` against a real HTTP/1.1 server on 127.0.0.1.
@Suite struct CurlTransportTests {
    static let echo: LocalHTTPServer.Handler = { request in
        var headers: HTTPHeaders = ["X-Method": request.method, "X-Target": request.target]
        headers.add("X-Multi", "one")
        headers.add("X-Multi", "two")
        return .respond(status: 200, headers: headers, body: request.body)
    }

    @Test(arguments: ["GET", "POST", "PUT", "DELETE", "PATCH"])
    func roundTripSendsMethodTargetHeadersAndBodyExactly(method: String) async throws {
        try await LocalHTTPServer.withRunning(handler: Self.echo) { server in
            let transport = CurlTransport()
            let body: [UInt8] = Array("payload-\(method)-".utf8) + [0, 1, 0xFF, 0x0D, 0x0A]
            let request = HTTPRequest(
                method: method, url: server.url("/a%20b/c?x=1&y=%2F"),
                headers: ["X-Amz-Date": "20260101T000000Z", "Content-Type": "application/x-amz-json-1.1", "X-Empty": ""],
                body: body)
            let response = try await transport.send(request)

            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(response.headers["x-method"] == method)
            #expect(response.headers.values(for: "X-Multi") == ["one", "two"])

            let received = try #require(server.requests.first)
            #expect(received.method == method)
            #expect(received.target == "/a%20b/c?x=1&y=%2F")
            #expect(received.body == body)
            #expect(received.headers["X-Amz-Date"] == "20260101T000000Z")
            #expect(received.headers["content-type"] == "application/x-amz-json-1.1")
            #expect(received.headers.values(for: "x-empty") == [""])
            #expect(received.headers.values(for: "content-length") == ["\(body.count)"])
            #expect(!received.headers.contains("expect"))
            #expect(!received.headers.contains("accept-encoding"))
        }
    }

    @Test func bodylessRequestsSendNoBodyAndEmptyPutSendsZeroLength() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.echo) { server in
            let transport = CurlTransport()
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/get")))
            _ = try await transport.send(HTTPRequest(method: "PUT", url: server.url("/put")))
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/get0"), headers: ["Content-Length": "0"]))
            let requests = server.requests
            #expect(requests.count == 3)
            #expect(requests[2].headers.values(for: "content-length") == ["0"])
            #expect(!requests[0].headers.contains("content-length"))
            #expect(!requests[0].headers.contains("content-type"))
            #expect(requests[1].headers["content-length"] == "0")
            // libcurl would invent `application/x-www-form-urlencoded`; the transport must not.
            #expect(!requests[1].headers.contains("content-type"))
        }
    }

    @Test func pathIsSentAsWrittenNotNormalised() async throws {
        try await LocalHTTPServer.withRunning { server in
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/a/./b/../c//d")))
            #expect(server.requests.map(\.target) == ["/a/./b/../c//d"])
        }
    }

    @Test func largeBodiesTravelIntactBothWays() async throws {
        let upload = Self.noise(count: 6 << 20, seed: .random(in: 1 ... .max))
        let download = Self.noise(count: 8 << 20, seed: .random(in: 1 ... .max))
        try await LocalHTTPServer.withRunning(handler: { request in
            request.method == "PUT" ? .respond(body: request.body) : .respond(body: download)
        }) { server in
            let transport = CurlTransport()
            let echoed = try await transport.send(HTTPRequest(method: "PUT", url: server.url("/up"), body: upload))
            #expect(echoed.body.count == upload.count)
            #expect(echoed.body == upload)
            #expect(server.requests.first?.body == upload)
            let fetched = try await transport.send(HTTPRequest(method: "GET", url: server.url("/down")))
            #expect(fetched.body.count == download.count)
            #expect(fetched.body == download)
        }
    }

    /// Incompressible bytes without a syscall per byte (xorshift64).
    static func noise(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0 ..< count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                buffer[i] = UInt8(truncatingIfNeeded: state >> 24)
            }
            initialized = count
        }
    }

    @Test(arguments: [400, 403, 404, 429, 500, 503])
    func errorStatusesAreResponsesNotErrors(status: Int) async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in
            .respond(status: status, headers: ["x-amzn-ErrorType": "Boom"], text: "{\"message\":\"m\"}")
        }) { server in
            let response = try await CurlTransport().send(HTTPRequest(method: "POST", url: server.url("/"), body: [1]))
            #expect(response.status == status)
            #expect(response.headers["X-Amzn-ErrorType"] == "Boom")
            #expect(response.bodyText == "{\"message\":\"m\"}")
        }
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        try await LocalHTTPServer.withRunning(handler: { request in
            request.path == "/old" ? .respond(status: 302, headers: ["Location": "/new"]) : .respond(text: "new")
        }) { server in
            let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/old")))
            #expect(response.status == 302)
            #expect(response.headers["location"] == "/new")
            #expect(server.requests.map(\.path) == ["/old"])
        }
    }

    @Test func onlyTheFinalResponseHeadersAreReturned() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in
            .respond(status: 200, headers: ["X-Final": "yes"], body: Array("ok".utf8),
                     interim: [HTTPResponse(status: 103, headers: ["Link": "</style.css>; rel=preload", "X-Interim": "1"])])
        }) { server in
            let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/")))
            #expect(response.status == 200)
            #expect(response.headers["x-final"] == "yes")
            #expect(!response.headers.contains("link"))
            #expect(!response.headers.contains("x-interim"))
            #expect(response.bodyText == "ok")
        }
    }

    @Test func headRequestReturnsHeadersWithoutWaitingForABody() async throws {
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(body: Array("12345".utf8)) }) { server in
            let request = HTTPRequest(method: "HEAD", url: server.url("/"), timeouts: HTTPTimeouts(connect: 2, total: 5))
            let response = try await CurlTransport().send(request)
            #expect(response.status == 200)
            #expect(response.headers["content-length"] == "5")
            #expect(response.body.isEmpty)
        }
    }

    @Test func compressedBodiesAreReturnedUndecoded() async throws {
        let raw: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD]  // a gzip header, not a valid stream
        try await LocalHTTPServer.withRunning(handler: { _ in .respond(headers: ["Content-Encoding": "gzip"], body: raw) }) { server in
            let response = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/")))
            #expect(response.body == raw)
            #expect(response.headers["content-encoding"] == "gzip")
        }
    }

    @Test func userAgentDefaultsToTheTransportsAndTheRequestsWins() async throws {
        try await LocalHTTPServer.withRunning { server in
            let transport = CurlTransport(userAgent: "efs-autoscaler/test")
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/1")))
            _ = try await transport.send(HTTPRequest(method: "GET", url: server.url("/2"), headers: ["User-Agent": "mine"]))
            #expect(server.requests.map { $0.headers.values(for: "user-agent") } == [["efs-autoscaler/test"], ["mine"]])
        }
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await LocalHTTPServer.withRunning { server in
            let transport = CurlTransport()
            for i in 0 ..< 5 {
                let response = try await transport.send(HTTPRequest(method: "POST", url: server.url("/\(i)"), body: [UInt8(i)]))
                #expect(response.status == 200)
            }
            #expect(server.requests.count == 5)
            #expect(Set(server.requests.map(\.connectionId)).count == 1)
            #expect(server.connectionCount == 1)

            // A second transport has its own cache: the count above is not an artefact of the server.
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/other")))
            #expect(server.connectionCount == 2)
        }
    }

    @Test func invalidRequestFailsBeforeAnythingIsSent() async throws {
        try await LocalHTTPServer.withRunning { server in
            let transport = CurlTransport()
            let error = await #expect(throws: HTTPTransportError.self) {
                try await transport.send(HTTPRequest(method: "GET", url: server.url("/"), headers: ["X-Bad": "a\r\nInjected: 1"]))
            }
            #expect(error?.kind == .invalidRequest)
            #expect(error?.detail.contains("X-Bad") == true)
            #expect(error?.detail.contains("Injected") == false)
            #expect(server.connectionCount == 0)
        }
    }
}
