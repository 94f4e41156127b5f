/// The SigV4 canonical request for non-S3 services, built the way botocore builds it.
///
/// Each step is a separate function because each has its own traps (see the official suite):
/// dot segments and repeated slashes are removed from the path, then the path is
/// URI-encoded again (so a wire path's `%` becomes `%25`); query pairs are decoded and
/// re-encoded with the unreserved set, then sorted by key and value; header values are
/// trimmed with inner whitespace runs collapsed and repeated headers joined with `,`.
///
/// The signer hashes this on every request, so each step works on bytes when its input is
/// ASCII (always, in practice) and falls back to the String-based reference code otherwise
/// (see `ASCII`); `CanonicalRequestReference` holds that code and the tests compare the two.
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
    public static let unsignedHeaders: Set<String> = Set(unsignedHeaderNames)
    static let unsignedHeaderNames = ["authorization", "user-agent", "expect", "x-amzn-trace-id", "transfer-encoding"]
    /// Bit n set when some unsigned header name is n bytes long: most names are rejected by it.
    private static let unsignedHeaderLengths: UInt64 = unsignedHeaderNames.reduce(0) { $0 | 1 << $1.utf8.count }

    private static func isUnsigned(_ lowercasedName: String) -> Bool {
        let length = lowercasedName.utf8.count
        guard length < 64, unsignedHeaderLengths & (1 << length) != 0 else { return false }
        return unsignedHeaderNames.contains(lowercasedName)
    }

    public init(method: String, path: String, query: String, headers: [(name: String, value: String)], payloadHash: String) {
        self.method = ASCII.isASCII(method) ? ASCII.uppercased(method) : method.uppercased()
        self.canonicalURI = Self.canonicalURI(path)
        self.canonicalQuery = Self.canonicalQuery(query)
        self.canonicalHeaders = Self.canonicalHeaders(headers)
        self.payloadHash = payloadHash
    }

    public var signedHeaders: String {
        var out = [UInt8]()
        appendSignedHeaders(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as UTF-8, built in one buffer: what the signer hashes.
    var bytes: [UInt8] {
        var out = [UInt8]()
        var capacity = method.utf8.count + canonicalURI.utf8.count + canonicalQuery.utf8.count + payloadHash.utf8.count + 8
        for h in canonicalHeaders { capacity += 2 * h.name.utf8.count + h.value.utf8.count + 3 }
        out.reserveCapacity(capacity)
        ASCII.append(method, to: &out)
        out.append(0x0A)
        ASCII.append(canonicalURI, to: &out)
        out.append(0x0A)
        ASCII.append(canonicalQuery, to: &out)
        out.append(0x0A)
        for h in canonicalHeaders {
            ASCII.append(h.name, to: &out)
            out.append(UInt8(ascii: ":"))
            ASCII.append(h.value, to: &out)
            out.append(0x0A)
        }
        out.append(0x0A)
        appendSignedHeaders(to: &out)
        out.append(0x0A)
        ASCII.append(payloadHash, to: &out)
        return out
    }

    func appendSignedHeaders(to out: inout [UInt8]) {
        for (i, h) in canonicalHeaders.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            ASCII.append(h.name, to: &out)
        }
    }

    /// RFC 3986 §5.2.4 dot-segment removal plus the collapsing of empty segments that AWS
    /// services require, then one more round of URI encoding.
    static func canonicalURI(_ path: String) -> String {
        if path == "/" { return path }
        guard ASCII.isASCII(path) else { return CanonicalRequestReference.canonicalURI(path) }
        var path = path
        return path.withUTF8 { bytes -> String in
            if bytes.isEmpty { return "/" }
            var kept: [Range<Int>] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
                let length = end - start
                if length == 1 && bytes[start] == UInt8(ascii: ".") {
                    // "." is dropped
                } else if length == 2 && bytes[start] == UInt8(ascii: ".") && bytes[start + 1] == UInt8(ascii: ".") {
                    if !kept.isEmpty { kept.removeLast() }
                } else if length > 0 {
                    kept.append(start..<end)
                }
                start = end + 1
            }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            if bytes[0] == UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
            for (i, segment) in kept.enumerated() {
                if i > 0 { out.append(UInt8(ascii: "/")) }
                PercentEncoding.append(UnsafeBufferPointer(rebasing: bytes[segment]), to: &out, keepSlash: true)
            }
            if bytes[bytes.count - 1] == UInt8(ascii: "/") && !kept.isEmpty { out.append(UInt8(ascii: "/")) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        guard ASCII.isASCII(query) else { return CanonicalRequestReference.canonicalQuery(query) }
        var query = query
        return query.withUTF8 { bytes -> String in
            var pairs: [(key: [UInt8], value: [UInt8])] = []
            var start = 0
            while start < bytes.count {
                var end = start
                var eq = -1
                while end < bytes.count && bytes[end] != UInt8(ascii: "&") {
                    if eq < 0 && bytes[end] == UInt8(ascii: "=") { eq = end }
                    end += 1
                }
                if end > start {
                    let keyEnd = eq < 0 ? end : eq
                    let valueStart = eq < 0 ? end : eq + 1
                    pairs.append((Self.reencode(UnsafeBufferPointer(rebasing: bytes[start..<keyEnd])),
                                  Self.reencode(UnsafeBufferPointer(rebasing: bytes[valueStart..<end]))))
                }
                start = end + 1
            }
            pairs.sort { $0.key == $1.key ? $0.value.lexicographicallyPrecedes($1.value) : $0.key.lexicographicallyPrecedes($1.key) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: "&")) }
                out.append(contentsOf: pair.key)
                out.append(UInt8(ascii: "="))
                out.append(contentsOf: pair.value)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Percent-decodes then percent-encodes one query key or value, as bytes.
    private static func reencode(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        guard raw.contains(UInt8(ascii: "%")) else {
            PercentEncoding.append(raw, to: &out, keepSlash: false)
            return out
        }
        var decoded = PercentEncoding.decodeBytes(raw)
        // The reference decodes into a String, which repairs invalid UTF-8 (U+FFFD): do the same.
        if decoded.contains(where: { $0 >= 0x80 }) { decoded = Array(String(decoding: decoded, as: UTF8.self).utf8) }
        decoded.withUnsafeBufferPointer { PercentEncoding.append($0, to: &out, keepSlash: false) }
        return out
    }

    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        guard headers.allSatisfy({ ASCII.isASCII($0.name) }) else { return CanonicalRequestReference.canonicalHeaders(headers) }
        var entries: [(name: String, value: String, index: Int)] = []
        entries.reserveCapacity(headers.count)
        for (index, header) in headers.enumerated() {
            let name = ASCII.lowercased(header.name)
            if isUnsigned(name) { continue }
            entries.append((name, canonicalValue(header.value), index))
        }
        // Names sorted by bytes; a repeated header keeps its values in the order given.
        entries.sort { $0.name == $1.name ? $0.index < $1.index : ASCII.precedes($0.name, $1.name) }
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            if let last = result.last, last.name == entry.name {
                result[result.count - 1].value += "," + entry.value
            } else {
                result.append((entry.name, entry.value))
            }
        }
        return result
    }

    /// Trims the value and collapses every run of whitespace inside it to one space; returns
    /// `value` itself when it is already canonical (the usual case), without copying it.
    static func canonicalValue(_ value: String) -> String {
        var value = value
        let canonical = value.withUTF8 { bytes -> Bool in
            var previousSpace = true  // a leading space is not canonical
            for c in bytes {
                if c == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else if isWhitespace(c) {
                    return false
                } else {
                    previousSpace = false
                }
            }
            return bytes.last != 0x20
        }
        return canonical ? value : collapsedValue(value)
    }

    /// The trimming and collapsing itself, on any value (the reference for `canonicalValue`).
    static func collapsedValue(_ value: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for c in value.utf8 {
            if isWhitespace(c) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
