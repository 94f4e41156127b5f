#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns a non-2xx HTTP response into an `AWSError`, whatever shape the body has.
///
/// Why it sniffs the body instead of trusting the service's protocol: auth failures are often
/// produced by a front end that answers JSON services with an XML `ErrorResponse`, proxies and
/// load balancers answer with HTML, and throttled responses can be truncated. The order is:
/// restJSON's `x-amzn-ErrorType` header, then the body as JSON or XML (whichever it looks
/// like), then the header for json1.1, and finally a code derived from the status ("HTTP503")
/// with a short, sanitised excerpt of the body as the message.
public enum AWSErrorDecoder {
    /// Longest message kept from a body; enough for any AWS message, short enough for a log line.
    public static let maxMessageLength = 512

    public static func decode(_ response: HTTPResponse, service: AWSService, operation: String) -> AWSError {
        let headerCode = response.headers["x-amzn-ErrorType"].map(normalizeCode).flatMap { $0.isEmpty ? nil : $0 }
        var requestId = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
            ?? response.headers["x-amzn-request-id"]
        let parsed = parseBody(response.body)
        if requestId == nil { requestId = parsed?.requestId }

        let code: String
        switch service.wireProtocol {
        case .restJSON:
            code = headerCode ?? parsed?.code ?? fallbackCode(response.status)
        case .json10, .json11, .query:
            code = parsed?.code ?? headerCode ?? fallbackCode(response.status)
        }
        let message: String
        if let m = parsed?.message, !m.isEmpty {
            message = sanitize(m)
        } else if parsed?.code != nil || response.body.isEmpty {
            message = response.body.isEmpty ? "empty response body" : "no message"
        } else {
            message = sanitize(excerpt(of: response.body))
        }
        return AWSError(service: service.name, operation: operation, httpStatus: response.status,
                        code: code, message: message, requestId: requestId.map(sanitize))
    }

    /// "com.amazon.coral.service#ThrottlingException" → "ThrottlingException";
    /// "ValidationException:http://internal.amazon.com/..." → "ValidationException".
    public static func normalizeCode(_ raw: String) -> String {
        var code = Substring(raw.trimmingXMLWhitespace())
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code)
    }

    static func fallbackCode(_ status: Int) -> String { "HTTP\(status)" }

    struct ParsedBody {
        var code: String?
        var message: String?
        var requestId: String?
    }

    /// `nil` when the body is neither a JSON object nor an XML document we recognise.
    static func parseBody(_ body: [UInt8]) -> ParsedBody? {
        guard let first = body.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { return nil }
        if first == UInt8(ascii: "{") { return parseJSON(body) }
        if first == UInt8(ascii: "<") { return parseXML(body) }
        return nil
    }

    private static func parseJSON(_ body: [UInt8]) -> ParsedBody? {
        guard let fields = try? JSONDecoder().decode(LooseJSONStrings.self, from: Data(body)).values else { return nil }
        let rawCode = fields["__type"] ?? fields["code"] ?? fields["Code"]
        let code = rawCode.map(normalizeCode).flatMap { $0.isEmpty ? nil : $0 }
        let message = fields["message"] ?? fields["Message"] ?? fields["errorMessage"]
        guard code != nil || message != nil else { return nil }
        return ParsedBody(code: code, message: message, requestId: fields["RequestId"] ?? fields["requestId"])
    }

    private static func parseXML(_ body: [UInt8]) -> ParsedBody? {
        guard let root = try? XMLNode.parse(body) else { return nil }
        // <ErrorResponse><Error><Code/></Error><RequestId/></ErrorResponse> (query, STS, auth front end)
        // <Response><Errors><Error><Code/></Error></Errors><RequestID/></Response> (EC2)
        // <Error><Code/><RequestId/></Error> (S3 style)
        let error: XMLNode?
        switch root.name {
        // moto (and some AWS front ends) wrap it once more: <ErrorResponse><Errors><Error>.
        case "ErrorResponse": error = root.child("Error") ?? root.path("Errors", "Error")
        case "Response": error = root.path("Errors", "Error")
        case "Error": error = root
        default: error = root.first(named: "Error")
        }
        guard let error, let code = error.child("Code")?.text, !code.isEmpty else { return nil }
        let requestId = root.child("RequestId")?.text ?? root.child("RequestID")?.text
            ?? error.child("RequestId")?.text ?? root.first(named: "RequestId")?.text
        return ParsedBody(code: normalizeCode(code), message: error.child("Message")?.text, requestId: requestId)
    }

    /// Text from an unparsable body: markup stripped so an HTML error page reads as its words.
    static func excerpt(of body: [UInt8]) -> String {
        var out: [UInt8] = []
        var inTag = false
        for b in body.prefix(8192) {
            if b == UInt8(ascii: "<") { inTag = true; out.append(0x20); continue }
            if b == UInt8(ascii: ">") { inTag = false; continue }
            if !inTag { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses whitespace, drops control characters, redacts secrets and truncates.
    static func sanitize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for s in text.unicodeScalars {
            let isSpace = s == " " || s == "\t" || s == "\n" || s == "\r"
            if isSpace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else if s.value >= 0x20 && s.value != 0x7F {
                scalars.append(s)
                lastWasSpace = false
            }
        }
        var clean = Redactor.redact(String(scalars).trimmingXMLWhitespace())
        if clean.count > maxMessageLength { clean = String(clean.prefix(maxMessageLength)) + "…" }
        return clean
    }
}

/// A JSON object read as "string fields only": non-string members are ignored instead of
/// failing the whole decode, because error bodies carry arbitrary extra members.
struct LooseJSONStrings: Decodable {
    var values: [String: String] = [:]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if let v = try? container.decode(String.self, forKey: key) { values[key.stringValue] = v }
        }
    }
}
