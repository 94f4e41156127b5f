/// The SigV4 canonical request for non-S3 services, built the way botocore builds it.
///
/// Each step is a separate function because each has its own traps (see the official suite):
/// dot segments and repeated slashes are removed from the path, then the path is
/// URI-encoded again (so a wire path's `%` becomes `%25`); query pairs are decoded and
/// re-encoded with the unreserved set, then sorted by key and value; header values are
/// trimmed with inner whitespace runs collapsed and repeated headers joined with `,`.
public struct CanonicalRequest: Sendable, Equatable {
    public var method: String
    public var canonicalURI: String
    public var canonicalQuery: String
    /// Lowercased names, sorted, each with its canonical value.
    public var canonicalHeaders: [(name: String, value: String)]
    public var payloadHash: String

    public static func == (lhs: CanonicalRequest, rhs: CanonicalRequest) -> Bool {
        lhs.text == rhs.text
    }

    /// Headers that must never be signed: proxies and SDK layers add or rewrite them.
    public static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "transfer-encoding",
    ]

    public init(method: String, path: String, query: String, headers: [(name: String, value: String)], payloadHash: String) {
        self.method = method.uppercased()
        self.canonicalURI = Self.canonicalURI(path)
        self.canonicalQuery = Self.canonicalQuery(query)
        self.canonicalHeaders = Self.canonicalHeaders(headers)
        self.payloadHash = payloadHash
    }

    public var signedHeaders: String { canonicalHeaders.map(\.name).joined(separator: ";") }

    public var text: String {
        var s = method + "\n" + canonicalURI + "\n" + canonicalQuery + "\n"
        for h in canonicalHeaders { s += h.name + ":" + h.value + "\n" }
        s += "\n" + signedHeaders + "\n" + payloadHash
        return s
    }

    /// RFC 3986 §5.2.4 dot-segment removal plus the collapsing of empty segments that AWS
    /// services require, then one more round of URI encoding.
    static func canonicalURI(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                continue
            }
            output.append(segment)
        }
        var normalised = path.hasPrefix("/") ? "/" : ""
        normalised += output.joined(separator: "/")
        if path.hasSuffix("/") && !output.isEmpty { normalised += "/" }
        return PercentEncoding.encode(normalised, keepSlash: true)
    }

    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let eq = item.firstIndex(of: "=") {
                key = item[..<eq]
                value = item[item.index(after: eq)...]
            } else {
                key = item
                value = ""
            }
            pairs.append((PercentEncoding.encode(PercentEncoding.decode(key)),
                          PercentEncoding.encode(PercentEncoding.decode(value))))
        }
        pairs.sort { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return pairs.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }

    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if unsignedHeaders.contains(key) { continue }
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(canonicalValue(value))
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return order.map { ($0, values[$0]!.joined(separator: ",")) }
    }

    /// Trims the value and collapses every run of whitespace inside it to one space.
    static func canonicalValue(_ value: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for c in value.utf8 {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
