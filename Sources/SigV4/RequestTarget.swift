/// The parts of an absolute URL that SigV4 signs: the host (with a non-default port),
/// the path as it appears on the wire and the raw query string.
///
/// Deliberately small: the signer must see the URL exactly as the transport sends it,
/// so no normalisation happens here.
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
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        // curl omits the default port from Host; the signature must match what is sent.
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
