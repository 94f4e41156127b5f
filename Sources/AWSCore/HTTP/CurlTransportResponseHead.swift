/// Collects the header lines libcurl reports for one transfer and keeps only the final response's.
///
/// libcurl calls its header callback for every response head it reads: interim `1xx` responses
/// (`100 Continue`, `103 Early Hints`), proxy `CONNECT` replies, the final response and then any
/// chunked trailers. A status line starts a new head; lines after a head's blank line that are not
/// a status line are trailers and are dropped, so callers see exactly the final response's fields.
struct CurlResponseHeadCollector {
    private var fields: [(String, String)] = []
    private var headComplete = false

    init() {}

    mutating func consume(line rawLine: String) {
        var line = Substring(rawLine)
        while let last = line.last, last.isNewline { line.removeLast() }  // "\r\n" is one Character
        if line.hasPrefix("HTTP/") {
            fields = []
            headComplete = false
            return
        }
        guard !headComplete else { return }
        if line.isEmpty {
            headComplete = true
            return
        }
        if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
            // Obsolete line folding: a continuation of the previous field's value.
            fields[fields.count - 1].1 += " " + line.trimmingHTTPWhitespace
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingHTTPWhitespace))
    }

    var headers: HTTPHeaders { HTTPHeaders(fields) }
}
