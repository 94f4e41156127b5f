import AWSCore
import Foundation

/// Pure HTTP/1.1 request framing for `LocalHTTPServer`: bytes in, one request (or "need more") out.
///
/// Kept free of sockets so it can be tested on byte strings. Supports `Content-Length` and
/// `Transfer-Encoding: chunked` bodies; anything malformed is a `LocalHTTPServerParseError`
/// (the server answers 400 and closes).
enum LocalHTTPServerRequestParser {
    struct Head: Equatable {
        var method: String
        var target: String
        var httpVersion: String
        var headers: HTTPHeaders
        /// Bytes up to and including the blank line.
        var length: Int

        var expectsContinue: Bool { headers["expect"]?.lowercased() == "100-continue" }

        /// Whether the client asked to close after this exchange (or is HTTP/1.0 without keep-alive).
        var wantsClose: Bool {
            let connection = headers.values(for: "connection").joined(separator: ",").lowercased()
            if connection.contains("close") { return true }
            return httpVersion == "HTTP/1.0" && !connection.contains("keep-alive")
        }
    }

    struct Request: Equatable {
        var head: Head
        var body: [UInt8]
        /// Bytes of the buffer this request occupied (head and framed body).
        var consumed: Int
    }

    enum Outcome: Equatable {
        /// More bytes are needed; `head` is set once the header section is complete.
        case incomplete(head: Head?)
        case complete(Request)
    }

    static let maxHeadLength = 64 * 1024

    static func parse(_ buffer: [UInt8]) throws(LocalHTTPServerParseError) -> Outcome {
        guard let head = try parseHead(buffer) else { return .incomplete(head: nil) }
        if head.headers.values(for: "transfer-encoding").contains(where: { $0.lowercased().contains("chunked") }) {
            guard let (body, end) = try decodeChunked(buffer, from: head.length) else { return .incomplete(head: head) }
            return .complete(Request(head: head, body: body, consumed: end))
        }
        let length: Int
        if let text = head.headers["content-length"] {
            guard let n = Int(text.trimmingSpaces), n >= 0 else { throw .init("bad Content-Length \(text)") }
            length = n
        } else {
            length = 0
        }
        guard buffer.count - head.length >= length else { return .incomplete(head: head) }
        let body = Array(buffer[head.length ..< head.length + length])
        return .complete(Request(head: head, body: body, consumed: head.length + length))
    }

    static func parseHead(_ buffer: [UInt8]) throws(LocalHTTPServerParseError) -> Head? {
        guard let end = find(crlfcrlf, in: buffer, from: 0) else {
            if buffer.count > maxHeadLength { throw .init("header section larger than \(maxHeadLength) bytes") }
            return nil
        }
        let text = String(decoding: buffer[..<end], as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, !requestLine[0].isEmpty, !requestLine[1].isEmpty,
              requestLine[2].hasPrefix("HTTP/1.") else {
            throw .init("bad request line")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .init("bad header line")
            }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces)
        }
        return Head(method: String(requestLine[0]), target: String(requestLine[1]),
                    httpVersion: String(requestLine[2]), headers: headers, length: end + 4)
    }

    /// Decodes a chunked body starting at `start`; `nil` when incomplete. Trailers are skipped.
    private static func decodeChunked(_ buffer: [UInt8], from start: Int) throws(LocalHTTPServerParseError) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = find(crlf, in: buffer, from: index) else { return nil }
            let sizeText = String(decoding: buffer[index ..< lineEnd], as: UTF8.self)
            let sizeField = sizeText.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeField.trimmingSpaces, radix: 16), size >= 0 else {
                throw .init("bad chunk size")
            }
            index = lineEnd + 2
            if size == 0 {
                // Trailer section: lines until an empty one.
                while true {
                    guard let trailerEnd = find(crlf, in: buffer, from: index) else { return nil }
                    let empty = trailerEnd == index
                    index = trailerEnd + 2
                    if empty { return (body, index) }
                }
            }
            guard buffer.count >= index + size + 2 else { return nil }
            body.append(contentsOf: buffer[index ..< index + size])
            guard buffer[index + size] == 13, buffer[index + size + 1] == 10 else { throw .init("chunk not followed by CRLF") }
            index += size + 2
        }
    }

    private static let crlf: [UInt8] = [13, 10]
    private static let crlfcrlf: [UInt8] = [13, 10, 13, 10]

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i ..< i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

struct LocalHTTPServerParseError: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
