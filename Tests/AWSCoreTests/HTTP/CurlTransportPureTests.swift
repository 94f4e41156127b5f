import CCurl
import Testing
@testable import AWSCore

/// Response-head collection, error mapping, redaction and proxy variables: no sockets.
@Suite struct CurlResponseHeadCollectorTests {
    private func collect(_ lines: [String]) -> HTTPHeaders {
        var collector = CurlResponseHeadCollector()
        lines.forEach { collector.consume(line: $0) }
        return collector.headers
    }

    @Test func keepsOnlyTheFinalHeadAndDropsTrailers() {
        let headers = collect([
            "HTTP/1.1 100 Continue\r\n", "\r\n",
            "HTTP/1.1 103 Early Hints\r\n", "Link: </a>\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "X-A: 1\r\n", "x-a:2\r\n", "Folded: one\r\n", "\t two\r\n", "\r\n",
            "Trailer-Field: late\r\n",
        ])
        #expect(headers.fields.map(\.name) == ["X-A", "x-a", "Folded"])
        #expect(headers.values(for: "x-a") == ["1", "2"])
        #expect(headers["folded"] == "one two")
        #expect(!headers.contains("link"))
        #expect(!headers.contains("trailer-field"))
    }

    @Test func proxyConnectReplyIsNotMistakenForTheResponse() {
        let headers = collect(["HTTP/1.1 200 Connection established\r\n", "Proxy-Agent: p\r\n", "\r\n",
                               "HTTP/2 404\r\n", "content-type: text/plain\r\n", "\r\n"])
        #expect(headers.fields.map(\.name) == ["content-type"])
    }
}

@Suite struct CurlTransportErrorsTests {
    @Test func curlCodesMapToKinds() {
        let cases: [(CURLcode, HTTPTransportError.Kind)] = [
            (CURLE_COULDNT_CONNECT, .connect), (CURLE_COULDNT_RESOLVE_HOST, .connect),
            (CURLE_OPERATION_TIMEDOUT, .timeout),
            (CURLE_RECV_ERROR, .connectionReset), (CURLE_SEND_ERROR, .connectionReset),
            (CURLE_GOT_NOTHING, .connectionReset), (CURLE_PARTIAL_FILE, .connectionReset),
            (CURLE_SSL_CONNECT_ERROR, .tls), (CURLE_PEER_FAILED_VERIFICATION, .tls), (CURLE_SSL_CACERT_BADFILE, .tls),
            (CURLE_URL_MALFORMAT, .invalidRequest), (CURLE_WEIRD_SERVER_REPLY, .other),
        ]
        for (code, kind) in cases {
            #expect(CurlTransportErrors.kind(for: code) == kind, "curl code \(code.rawValue)")
        }
    }

    @Test func redactionDropsQueryFragmentAndUserinfo() {
        #expect(CurlTransportErrors.redact("https://b.s3.amazonaws.com/k?X-Amz-Signature=abc&X-Amz-Security-Token=t")
            == "https://b.s3.amazonaws.com/k")
        #expect(CurlTransportErrors.redact("http://user:pw@h:8080/p#frag") == "http://h:8080/p")
        #expect(CurlTransportErrors.redact("http://h/a@b") == "http://h/a@b")
        let error = CurlTransportErrors.error(for: CURLE_OPERATION_TIMEDOUT, message: "Operation timed out", url: "http://h/?sig=s")
        #expect(error.description == "HTTP transport error (timeout) for http://h/: Timeout was reached: Operation timed out (curl code 28)")
    }
}

@Suite struct HTTPProxyConfigurationTests {
    @Test func readsVariablesWithLibcurlsPrecedence() {
        let c = HTTPProxyConfiguration(environment: [
            "http_proxy": "http://lower:1", "HTTP_PROXY": "http://upper:1",
            "https_proxy": "", "HTTPS_PROXY": "http://secure:2",
            "all_proxy": "http://all:3", "NO_PROXY": "a,b", "no_proxy": "c",
        ])
        #expect(c.httpProxy == "http://lower:1")
        #expect(c.httpsProxy == "http://secure:2")  // empty lowercase counts as unset
        #expect(c.allProxy == "http://all:3")
        #expect(c.noProxy == "c")
        #expect(c.proxy(for: "http://x/") == "http://lower:1")
        #expect(c.proxy(for: "https://x/") == "http://secure:2")
    }

    @Test func uppercaseHTTPProxyIsIgnoredAndAllProxyFillsIn() {
        let c = HTTPProxyConfiguration(environment: ["HTTP_PROXY": "http://upper:1", "ALL_PROXY": "http://all:3"])
        #expect(c.httpProxy == nil)
        #expect(c.proxy(for: "http://x/") == "http://all:3")
        #expect(HTTPProxyConfiguration(environment: [:]).proxy(for: "https://x/") == nil)
    }
}
