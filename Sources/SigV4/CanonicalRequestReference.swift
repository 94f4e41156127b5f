/// The String-based canonicalisation steps: the reference the byte-level fast paths in
/// `CanonicalRequest` must agree with, and what handles non-ASCII input (see `ASCII`).
enum CanonicalRequestReference {
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
            if CanonicalRequest.unsignedHeaders.contains(key) { continue }
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(CanonicalRequest.collapsedValue(value))
        }
        order.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return order.map { ($0, values[$0]!.joined(separator: ",")) }
    }
}
