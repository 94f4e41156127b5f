import Testing
@testable import AWSCore

/// The pure translation from `HTTPRequest` to libcurl settings, and its refusals.
@Suite struct CurlRequestPlanTests {
    private func plan(_ request: HTTPRequest, proxy: HTTPProxyConfiguration = .init(), userAgent: String? = nil) throws(HTTPTransportError) -> CurlRequestPlan {
        try CurlRequestPlan(request: request, defaultTimeouts: HTTPTimeouts(connect: 3, total: 30), userAgent: userAgent, proxy: proxy)
    }

    private func refusal(_ request: HTTPRequest) -> HTTPTransportError? {
        do {
            _ = try plan(request)
            return nil
        } catch {
            return error
        }
    }

    @Test func headersBodyAndTimeoutsTranslate() throws {
        let p = try plan(HTTPRequest(method: "POST", url: "https://a.example/x",
                                     headers: ["A": " v ", "Empty": "", "Expect": "100-continue", "Content-Length": "3"],
                                     body: [1, 2, 3], timeouts: HTTPTimeouts(connect: 0.25, total: 1.5)))
        #expect(p.headerLines == ["A: v", "Empty;", "Expect:", "Content-Type:"])
        #expect(p.body == [1, 2, 3])
        #expect(p.connectTimeoutMilliseconds == 250)
        #expect(p.totalTimeoutMilliseconds == 1500)
        #expect(!p.headOnly)
    }

    @Test func bodyPresenceFollowsMethodAndContent() throws {
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/")).body == nil)
        #expect(try plan(HTTPRequest(method: "DELETE", url: "http://h/")).body == nil)
        #expect(try plan(HTTPRequest(method: "PUT", url: "http://h/")).body == [])
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/", body: [9])).body == [9])
        #expect(try plan(HTTPRequest(method: "HEAD", url: "http://h/")).headOnly)
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/")).headerLines == ["Expect:"])
        #expect(try plan(HTTPRequest(method: "PUT", url: "http://h/", headers: ["content-type": "a/b"])).headerLines == ["content-type: a/b", "Expect:"])
    }

    @Test func matchingContentLengthIsLeftToLibcurlWithABodyAndSentAsGivenWithout() throws {
        #expect(try plan(HTTPRequest(method: "PUT", url: "http://h/", headers: ["Content-Length": "2"], body: [1, 2])).headerLines
            == ["Expect:", "Content-Type:"])
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/", headers: ["Content-Length": "0"])).headerLines
            == ["Content-Length: 0", "Expect:"])
    }

    @Test func userAgentOnlyWhenTheRequestHasNone() throws {
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/"), userAgent: "ua").userAgent == "ua")
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/", headers: ["user-agent": "mine"]), userAgent: "ua").userAgent == nil)
    }

    @Test func proxyIsChosenBySchemeAndNoProxyPassedThrough() throws {
        let proxy = HTTPProxyConfiguration(httpProxy: "http://p:1", httpsProxy: "http://s:2", noProxy: "127.0.0.1")
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/"), proxy: proxy).proxy == "http://p:1")
        #expect(try plan(HTTPRequest(method: "GET", url: "HTTPS://h/"), proxy: proxy).proxy == "http://s:2")
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/"), proxy: proxy).noProxy == "127.0.0.1")
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/")).proxy == "")
        #expect(try plan(HTTPRequest(method: "GET", url: "http://h/")).noProxy == "")
    }

    @Test(arguments: [
        (HTTPRequest(method: "GE T", url: "http://h/"), "method"),
        (HTTPRequest(method: "", url: "http://h/"), "method"),
        (HTTPRequest(method: "GET", url: "ftp://h/"), "http"),
        (HTTPRequest(method: "GET", url: "http://h/a b"), "percent-encoded"),
        (HTTPRequest(method: "GET", url: "http://h/", headers: ["Bad Name": "v"]), "header name"),
        (HTTPRequest(method: "GET", url: "http://h/", headers: ["X-Token": "secret\nEvil: 1"]), "X-Token"),
        (HTTPRequest(method: "PUT", url: "http://h/", headers: ["Content-Length": "9"], body: [1]), "Content-Length"),
        (HTTPRequest(method: "GET", url: "http://h/", headers: ["Content-Length": "1"]), "Content-Length"),
        (HTTPRequest(method: "PUT", url: "http://h/", headers: ["Transfer-Encoding": "chunked"]), "Transfer-Encoding"),
        (HTTPRequest(method: "GET", url: "http://h/", timeouts: HTTPTimeouts(connect: 0, total: 1)), "connect timeout"),
        (HTTPRequest(method: "GET", url: "http://h/", timeouts: HTTPTimeouts(connect: 1, total: .nan)), "total timeout"),
        (HTTPRequest(method: "GET", url: "http://h/", timeouts: HTTPTimeouts(connect: 1, total: -1)), "total timeout"),
    ])
    func badInputIsRefusedWithAClearReason(request: HTTPRequest, mentions: String) throws {
        let error = try #require(refusal(request))
        #expect(error.kind == .invalidRequest)
        #expect(error.detail.contains(mentions))
        #expect(!error.detail.contains("secret"))
    }

    @Test func timeoutConversion() {
        #expect(CurlRequestPlan.milliseconds(0.0001) == 1)
        #expect(CurlRequestPlan.milliseconds(2) == 2000)
        #expect(CurlRequestPlan.milliseconds(.infinity) == nil)
        #expect(CurlRequestPlan.milliseconds(0) == nil)
    }
}
