import AWSCore

/// The Lambda Runtime API over `HTTPTransport`: `http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/…`.
public struct RuntimeAPIClient: LambdaControlPlane {
    public static let environmentVariable = "AWS_LAMBDA_RUNTIME_API"
    /// `next` long-polls, and Lambda freezes the process between invocations for as long as it
    /// likes; a total timeout would only fire spuriously after a thaw, so it is a week, and a
    /// timeout on `next` is retried rather than treated as a failure.
    public static let defaultNextTimeouts = HTTPTimeouts(connect: 3, total: 7 * 24 * 3600)
    static let reportTimeouts = HTTPTimeouts(connect: 3, total: 60)

    private let baseURL: String
    private let transport: any HTTPTransport
    private let nextTimeouts: HTTPTimeouts

    /// - Parameters:
    ///   - endpoint: `host:port`, as Lambda sets `AWS_LAMBDA_RUNTIME_API`.
    ///   - transport: must not go through a proxy (the Runtime API is local to the sandbox):
    ///     give `CurlTransport(environment: [:])`, not one that read `http_proxy`.
    /// - Throws: `RuntimeAPIError.Code.invalidEndpoint` for an empty value, a scheme or a path.
    public init(endpoint: String, transport: any HTTPTransport, nextTimeouts: HTTPTimeouts = defaultNextTimeouts) throws {
        guard !endpoint.isEmpty, !endpoint.contains("/"), !endpoint.contains(where: \.isWhitespace) else {
            throw RuntimeAPIError(code: .invalidEndpoint,
                                  description: "\(Self.environmentVariable) must be host:port, got '\(endpoint)'")
        }
        baseURL = "http://\(endpoint)/2018-06-01/runtime"
        self.transport = transport
        self.nextTimeouts = nextTimeouts
    }

    public init(environment: [String: String], transport: any HTTPTransport) throws {
        guard let endpoint = environment[Self.environmentVariable] else {
            throw RuntimeAPIError(code: .invalidEndpoint, description: "\(Self.environmentVariable) is not set: not running inside Lambda")
        }
        try self.init(endpoint: endpoint, transport: transport)
    }

    public func nextInvocation() async throws -> Invocation {
        let request = HTTPRequest(method: "GET", url: "\(baseURL)/invocation/next", timeouts: nextTimeouts)
        while true {
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as HTTPTransportError where error.kind == .timeout {
                continue
            }
            try expect(200, response, for: "invocation/next")
            return try Invocation(nextResponse: response)
        }
    }

    public func reportResponse(requestId: String, body: [UInt8]) async throws {
        try await post("invocation/\(Self.pathSegment(requestId))/response", body: body, errorType: nil)
    }

    public func reportError(requestId: String, error: LambdaErrorReport) async throws {
        try await post("invocation/\(Self.pathSegment(requestId))/error", body: error.json, errorType: error.errorType)
    }

    public func reportInitError(_ error: LambdaErrorReport) async throws {
        try await post("init/error", body: error.json, errorType: error.errorType)
    }

    private func post(_ path: String, body: [UInt8], errorType: String?) async throws {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let errorType { headers.add(RuntimeAPIHeaders.functionErrorType, errorType) }
        let request = HTTPRequest(method: "POST", url: "\(baseURL)/\(path)", headers: headers, body: body, timeouts: Self.reportTimeouts)
        try expect(202, try await transport.send(request), for: path)
    }

    private func expect(_ status: Int, _ response: HTTPResponse, for call: String) throws {
        guard response.status == status else {
            // The Runtime API's error bodies are short JSON ({"errorMessage","errorType"}) and
            // carry no secrets; they say why (e.g. InvalidStateTransition).
            throw RuntimeAPIError(code: .unexpectedStatus,
                                  description: "Runtime API \(call) answered \(response.status) (expected \(status)): \(response.bodyText.prefix(512))")
        }
    }

    /// Request ids are UUIDs; anything else is percent-encoded so it cannot change the path.
    static func pathSegment(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xf)])"
            }
        }
        return result
    }
}
