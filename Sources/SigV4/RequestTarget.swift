/// The parts of an absolute URL that SigV4 signs: the host (with a non-default port),
/// the path as it appears on the wire and the raw query string.
///
/// Deliberately small: the signer must see the URL exactly as the transport sends it,
/// so no normalisation happens here. ASCII URLs (what the transport sends) are parsed as
/// bytes; anything else goes through the String-based parser (see `ASCII`).
struct RequestTarget: Equatable {
    var host: String
    var path: String
    var query: String

    init(host: String, path: String, query: String) {
        self.host = host
        self.path = path
        self.query = query
    }

    /// Parses `scheme://authority/path?query#fragment`. Returns nil when there is no `://`.
    init?(url: String) {
        guard ASCII.isASCII(url) else {
            self.init(unicodeURL: url)
            return
        }
        var url = url
        guard let parsed = url.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> RequestTarget? {
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
        var schemeEnd = -1
        var i = 0
        while i + 2 < b.count {
            if b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "/") && b[i + 2] == UInt8(ascii: "/") { schemeEnd = i; break }
            i += 1
        }
        guard schemeEnd >= 0 else { return nil }
        var end = b.count
        if let hash = b[(schemeEnd + 3)...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        let restStart = schemeEnd + 3
        let authorityEnd = b[restStart..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        var authorityStart = restStart
        if let at = b[restStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { authorityStart = at + 1 }
        var hostEnd = authorityEnd
        // curl omits the default port from Host; the signature must match what is sent.
        func hasSuffix(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard hostEnd - authorityStart >= n else { return false }
            for k in 0..<n where b[hostEnd - n + k] != suffix.utf8Start[k] { return false }
            return true
        }
        let scheme = UnsafeBufferPointer(rebasing: b[0..<schemeEnd])
        func schemeIs(_ name: StaticString) -> Bool {
            guard scheme.count == name.utf8CodeUnitCount else { return false }
            for k in 0..<scheme.count where (scheme[k] >= 0x41 && scheme[k] <= 0x5A ? scheme[k] | 0x20 : scheme[k]) != name.utf8Start[k] { return false }
            return true
        }
        if schemeIs("https"), hasSuffix(":443") { hostEnd -= 4 }
        if schemeIs("http"), hasSuffix(":80") { hostEnd -= 3 }
        var path: String
        let query: String
        if let q = b[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?")) {
            path = string(authorityEnd..<q)
            query = string((q + 1)..<end)
        } else {
            path = string(authorityEnd..<end)
            query = ""
        }
        if path.isEmpty { path = "/" }
        return RequestTarget(host: ASCII.lowercased(string(authorityStart..<hostEnd)), path: path, query: query)
    }

    /// The String-based parser, for URLs with non-ASCII characters.
    init?(unicodeURL url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        let pathAndQuery = rest[authorityEnd...]
        if let q = pathAndQuery.firstIndex(of: "?") {
            path = String(pathAndQuery[..<q])
            query = String(pathAndQuery[pathAndQuery.index(after: q)...])
        } else {
            path = String(pathAndQuery)
            query = ""
        }
        if path.isEmpty { path = "/" }
        host = authority.lowercased()
    }
}
