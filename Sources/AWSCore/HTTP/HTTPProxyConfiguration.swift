#if canImport(Glibc)
import Glibc
#endif

/// The proxy settings of the conventional environment variables, read the way libcurl reads them.
///
/// libcurl would read these variables itself, but only from the real process environment at
/// transfer time. `CurlTransport` resolves them once, from an injectable environment, and hands
/// libcurl the result explicitly (`CURLOPT_PROXY`, `CURLOPT_NOPROXY`): same rules, but testable
/// without mutating the process environment that every other test shares.
///
/// Rules (libcurl's):
/// - `http://` URLs use `http_proxy` — lowercase only; `HTTP_PROXY` is ignored because CGI
///   servers put the client's `Proxy:` header there ("httpoxy").
/// - `https://` URLs use `https_proxy`, then `HTTPS_PROXY`.
/// - Either falls back to `all_proxy`, then `ALL_PROXY`.
/// - `no_proxy`, then `NO_PROXY`: comma-separated host names (suffix match), IP addresses, CIDR
///   ranges or `*`; matched by libcurl itself. `no_proxy=127.0.0.1` keeps loopback traffic direct.
/// - An empty value counts as unset.
///
/// A proxy URL may embed credentials (`http://user:pass@proxy:3128`); it is never logged.
struct HTTPProxyConfiguration: Sendable, Equatable {
    var httpProxy: String?
    var httpsProxy: String?
    var allProxy: String?
    var noProxy: String?

    static let variableNames = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"]

    init(httpProxy: String? = nil, httpsProxy: String? = nil, allProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.allProxy = allProxy
        self.noProxy = noProxy
    }

    init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        self.init(httpProxy: value("http_proxy"),
                  httpsProxy: value("https_proxy", "HTTPS_PROXY"),
                  allProxy: value("all_proxy", "ALL_PROXY"),
                  noProxy: value("no_proxy", "NO_PROXY"))
    }

    /// The proxy variables of this process, read once.
    static func fromProcessEnvironment() -> HTTPProxyConfiguration {
        var environment: [String: String] = [:]
        for name in variableNames {
            if let raw = getenv(name) { environment[name] = String(cString: raw) }
        }
        return HTTPProxyConfiguration(environment: environment)
    }

    /// The proxy for `url` before `no_proxy` is applied (libcurl applies it), or `nil` for none.
    func proxy(for url: String) -> String? {
        let lower = url.prefix(8).lowercased()
        if lower.hasPrefix("https://") { return httpsProxy ?? allProxy }
        if lower.hasPrefix("http://") { return httpProxy ?? allProxy }
        return allProxy
    }
}
