import AWSCore
import Glibc

/// How a connection ends once its serving loop returns.
enum ConnectionFate: Equatable {
    case close
    case reset
}

extension LocalHTTPServer {
    /// Serves requests on one accepted connection until it must end.
    func serve(fd: Int32, connectionId: Int) -> ConnectionFate {
        var buffer: [UInt8] = []
        var sentContinue = false
        while true {
            let outcome: LocalHTTPServerRequestParser.Outcome
            do {
                outcome = try LocalHTTPServerRequestParser.parse(buffer)
            } catch {
                let body = Array("bad request: \(error.reason)\n".utf8)
                _ = LocalHTTPServerSocket.sendAll(fd, Self.encode(
                    HTTPResponse(status: 400, headers: ["Connection": "close"], body: body), includeBody: true))
                return .close
            }
            switch outcome {
            case .incomplete(let head):
                if let head, head.expectsContinue, !sentContinue {
                    sentContinue = true
                    guard LocalHTTPServerSocket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .close }
                }
                guard let more = LocalHTTPServerSocket.receive(fd) else { return .close }
                buffer.append(contentsOf: more)
            case .complete(let request):
                buffer.removeFirst(request.consumed)
                sentContinue = false
                let recorded = RecordedRequest(
                    method: request.head.method, target: request.head.target,
                    httpVersion: request.head.httpVersion, headers: request.head.headers,
                    body: request.body, connectionId: connectionId)
                let handler = state.withLock { s -> Handler in
                    s.requests.append(recorded)
                    return s.handler
                }
                if let fate = perform(handler(recorded), for: request.head, on: fd) { return fate }
            }
        }
    }

    /// Carries out `action`; `nil` means the connection stays open for the next request.
    private func perform(_ action: Action, for head: LocalHTTPServerRequestParser.Head, on fd: Int32) -> ConnectionFate? {
        switch action.kind {
        case .respond(let response, let interim):
            var bytes: [UInt8] = []
            for informational in interim { bytes += Self.encode(informational, includeBody: false) }
            bytes += Self.encode(response, includeBody: head.method != "HEAD")
            guard LocalHTTPServerSocket.sendAll(fd, bytes) else { return .close }
            let closing = response.headers.values(for: "connection").contains { $0.lowercased() == "close" }
            return closing || head.wantsClose ? .close : nil
        case .delayed(let delay, let next):
            let (seconds, attoseconds) = delay.components
            let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
            if LocalHTTPServerSocket.waitForHangup(fd, milliseconds: milliseconds) { return .close }
            return perform(next.action, for: head, on: fd)
        case .reset:
            return .reset
        case .close:
            return .close
        case .hang:
            while LocalHTTPServerSocket.receive(fd) != nil {}
            return .close
        }
    }

    /// Serialises a response. `Content-Length` is added when the headers frame nothing themselves
    /// (except for 1xx, 204 and 304, which have no body by definition).
    static func encode(_ response: HTTPResponse, includeBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        var headers = response.headers
        let bodiless = response.status < 200 || response.status == 204 || response.status == 304
        if !bodiless && !headers.contains("content-length") && !headers.contains("transfer-encoding") {
            headers.add("Content-Length", String(response.body.count))
        }
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includeBody && !bodiless { bytes += response.body }
        return bytes
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 103: "Early Hints"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
