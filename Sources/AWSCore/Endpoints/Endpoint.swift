/// Where requests for one service go: a scheme, an authority and an optional base path.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    /// Host, with brackets for an IPv6 literal.
    public var host: String
    public var port: Int?
    /// Prefix for every request path, without a trailing slash ("" for AWS endpoints).
    public var basePath: String

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// The `Host` header value: the port only when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(basePath)" }

    /// Parses an absolute http(s) URL without query or fragment. `setting` names where the URL
    /// came from, so the error tells the operator which variable to fix.
    public static func parse(_ url: String, setting: String) throws -> Endpoint {
        func bad(_ reason: String) -> AWSConfigurationError {
            AWSConfigurationError(setting: setting, value: url, reason: reason + "; expected an http(s) URL such as https://elasticfilesystem.eu-west-1.amazonaws.com or http://127.0.0.1:5000")
        }
        guard !url.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { throw bad("it contains whitespace") }
        let scheme: String
        let rest: Substring
        if url.lowercased().hasPrefix("https://") { scheme = "https"; rest = url.dropFirst(8) }
        else if url.lowercased().hasPrefix("http://") { scheme = "http"; rest = url.dropFirst(7) }
        else { throw bad("the scheme is not http or https") }
        guard !rest.contains("?"), !rest.contains("#") else { throw bad("it has a query or fragment") }
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        guard !authority.isEmpty, !authority.contains("@") else { throw bad("it has no host (or has user info)") }
        var host = String(authority)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw bad("the IPv6 host is not closed") }
            let after = host[host.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { throw bad("the port is not a number") }
                port = p
            }
            host = String(host[...close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]) else { throw bad("the port is not a number") }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw bad("it has no host") }
        if let port, !(1...65535).contains(port) { throw bad("the port is out of range") }
        return Endpoint(scheme: scheme, host: host.lowercased(), port: port, basePath: path)
    }
}
