/// An `HTTPRequest` checked and translated into exactly what `CurlTransfer` hands libcurl.
///
/// Pure and built on the caller's task before anything touches libcurl, so every bad input fails
/// fast as `.invalidRequest` and nothing is sent. Error details name the offending header, never
/// its value (values carry signatures and tokens).
struct CurlRequestPlan: Sendable, Equatable {
    var method: String
    var url: String
    /// Lines for `CURLOPT_HTTPHEADER`: `Name: value`, `Name;` (an empty value) or `Name:` (removes
    /// a header libcurl would add on its own).
    var headerLines: [String]
    /// `nil`: no request body at all. Otherwise sent verbatim with a matching `Content-Length`.
    var body: [UInt8]?
    /// `HEAD` responses have no body; libcurl must be told (`CURLOPT_NOBODY`) or it waits for one.
    var headOnly: Bool
    var connectTimeoutMilliseconds: Int
    var totalTimeoutMilliseconds: Int
    /// `""` tells libcurl to use no proxy, whatever the process environment says.
    var proxy: String
    /// `""` means no exceptions.
    var noProxy: String
    var userAgent: String?
    /// `CURLOPT_FRESH_CONNECT` + `CURLOPT_FORBID_REUSE`: see `HTTPRequest.freshConnection`.
    var freshConnection: Bool

    /// Methods that carry a body (and so a `Content-Length`, even `0`) whether or not it is empty.
    static let bodyMethods: Set<String> = ["POST", "PUT", "PATCH"]

    init(request: HTTPRequest, defaultTimeouts: HTTPTimeouts, userAgent: String?,
         proxy: HTTPProxyConfiguration) throws(HTTPTransportError) {
        let redactedURL = CurlTransportErrors.redact(request.url)
        func invalid(_ detail: String) -> HTTPTransportError {
            HTTPTransportError(kind: .invalidRequest, detail: detail, url: redactedURL)
        }

        guard !request.method.isEmpty, request.method.utf8.allSatisfy(Self.isTokenByte) else {
            throw invalid("invalid HTTP method")
        }
        let lowerURL = request.url.lowercased()
        guard lowerURL.hasPrefix("http://") || lowerURL.hasPrefix("https://") else {
            throw invalid("only http:// and https:// URLs are supported")
        }
        guard request.url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw invalid("URL must be percent-encoded (no spaces, control or non-ASCII characters)")
        }

        let timeouts = request.timeouts ?? defaultTimeouts
        guard let connectMS = Self.milliseconds(timeouts.connect) else {
            throw invalid("connect timeout must be a positive number of seconds, got \(timeouts.connect)")
        }
        guard let totalMS = Self.milliseconds(timeouts.total) else {
            throw invalid("total timeout must be a positive number of seconds, got \(timeouts.total)")
        }

        let carriesBody = !request.body.isEmpty || Self.bodyMethods.contains(request.method.uppercased())
        var lines: [String] = []
        var hasContentType = false
        var hasUserAgent = false
        for field in request.headers {
            let name = field.name
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw invalid("invalid header name \(name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? name : "(unprintable)")")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw invalid("header \(name) has a line break or NUL in its value")
            }
            switch name.lowercased() {
            case "content-length":
                // libcurl frames a body itself; a disagreeing length would corrupt the exchange.
                // Without a body (e.g. GET with `Content-Length: 0`) the header is sent as given.
                let trimmed = field.value.trimmingHTTPWhitespace
                guard Int(trimmed) == request.body.count else {
                    throw invalid("Content-Length \(trimmed) does not match the \(request.body.count)-byte body")
                }
                if carriesBody { continue }
            case "transfer-encoding":
                throw invalid("Transfer-Encoding is not supported; bodies are sent with Content-Length")
            case "expect":
                continue  // never 100-continue: see below
            case "content-type":
                hasContentType = true
            case "user-agent":
                hasUserAgent = true
            default:
                break
            }
            let value = field.value.trimmingHTTPWhitespace
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // libcurl would add `Expect: 100-continue` to larger bodies and wait for the interim reply.
        lines.append("Expect:")
        // ...and `Content-Type: application/x-www-form-urlencoded` to any body without one.
        if carriesBody && !hasContentType { lines.append("Content-Type:") }

        self.method = request.method
        self.url = request.url
        self.headerLines = lines
        self.body = carriesBody ? request.body : nil
        self.headOnly = request.method.uppercased() == "HEAD"
        self.connectTimeoutMilliseconds = connectMS
        self.totalTimeoutMilliseconds = totalMS
        self.proxy = proxy.proxy(for: request.url) ?? ""
        self.noProxy = proxy.noProxy ?? ""
        self.userAgent = hasUserAgent ? nil : userAgent
        self.freshConnection = request.freshConnection
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }

    /// Seconds to whole milliseconds (at least 1); `nil` for zero, negative, NaN or infinite.
    static func milliseconds(_ seconds: Double) -> Int? {
        guard seconds.isFinite, seconds > 0 else { return nil }
        return max(1, Int(min(seconds, 86_400 * 365) * 1000))
    }
}
