/// Scrubs secrets out of any text before it is logged or put into an error.
///
/// Why a scanner and not a list of formats: secrets reach text in many shapes — an
/// `Authorization:` header line, a presigned URL's `X-Amz-Signature=` query part, a container
/// credentials JSON body (`"SecretAccessKey": "..."`), an STS XML body (`<SessionToken>`), a
/// shared credentials file line (`aws_secret_access_key = ...`). The redactor finds every
/// sensitive *key* (as a whole word, case-insensitive) followed by a separator (`:`, `=`, or a
/// closing `>` of an XML start tag) and replaces its *value*. An `Authorization` value is
/// replaced up to the end of its line, because it contains spaces and commas.
///
/// It also replaces any occurrence of concrete secret values it is given (the live secret key
/// and session token), which catches secrets in shapes no key list anticipates.
public enum Redactor {
    public static let placeholder = "<redacted>"

    /// Keys whose values are secrets, lowercased. `token` only matches as a whole word, so
    /// pagination fields such as `NextToken` stay readable.
    static let sensitiveKeys: [String] = [
        "authorization", "x-amz-security-token", "x-amz-signature", "x-amz-credential",
        "aws_secret_access_key", "aws_session_token", "aws_security_token",
        "secretaccesskey", "secret_access_key", "sessiontoken", "session_token", "token",
        "signature", "x-aws-ec2-metadata-token",
    ]

    /// Returns `text` with every sensitive value replaced by `<redacted>`.
    public static func redact(_ text: String, knownSecrets: [String] = []) -> String {
        var result = scrubKeyedValues(text)
        for secret in knownSecrets where secret.count >= 4 {
            result = result.replacingAll(secret, with: placeholder)
        }
        return result
    }

    /// A URL safe to log: sensitive query parameter values replaced, everything else intact.
    public static func redactURL(_ url: String) -> String { scrubKeyedValues(url) }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }

    private static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b + 32 : b }

    private static let keyBytes: [[UInt8]] = sensitiveKeys.map { Array($0.utf8) }

    private static func scrubKeyedValues(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var copiedUpTo = 0
        while i < bytes.count {
            guard i == 0 || !isWordByte(bytes[i - 1]),
                  let (valueStart, valueEnd) = matchKey(at: i, in: bytes) else {
                i += 1
                continue
            }
            out += bytes[copiedUpTo..<valueStart]
            if valueEnd > valueStart { out += Array(placeholder.utf8) }
            copiedUpTo = valueEnd
            i = max(valueEnd, i + 1)
        }
        out += bytes[copiedUpTo...]
        return String(decoding: out, as: UTF8.self)
    }

    /// If a sensitive key starts at `start`, the range of its value.
    private static func matchKey(at start: Int, in bytes: [UInt8]) -> (Int, Int)? {
        for key in keyBytes {
            let end = start + key.count
            guard end <= bytes.count else { continue }
            var equal = true
            for k in 0..<key.count where lower(bytes[start + k]) != key[k] { equal = false; break }
            guard equal, end == bytes.count || !isWordByte(bytes[end]) else { continue }
            let isAuthorization = key.count == 13 && key.first == UInt8(ascii: "a")
            let xmlTag = start > 0 && bytes[start - 1] == UInt8(ascii: "<")
            var j = end
            if xmlTag {
                // <SecretAccessKey>value</SecretAccessKey>
                guard j < bytes.count, bytes[j] == UInt8(ascii: ">") else { continue }
                j += 1
                var v = j
                while v < bytes.count, bytes[v] != UInt8(ascii: "<") { v += 1 }
                return (j, v)
            }
            // Optional closing quote of a JSON key, spaces, then ':' or '='.
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") { j += 1 }
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ":") || bytes[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                let quote = bytes[j]
                j += 1
                var v = j
                while v < bytes.count, bytes[v] != quote {
                    v += bytes[v] == UInt8(ascii: "\\") ? 2 : 1
                }
                return (j, min(v, bytes.count))
            }
            var v = j
            if isAuthorization {
                while v < bytes.count, bytes[v] != 0x0A, bytes[v] != 0x0D { v += 1 }
            } else {
                let stops: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: ";"),
                                         UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "}"), UInt8(ascii: ")"),
                                         UInt8(ascii: "<"), UInt8(ascii: "]")]
                while v < bytes.count, !stops.contains(bytes[v]) { v += 1 }
            }
            return (j, v)
        }
        return nil
    }
}

extension String {
    /// Plain substring replacement without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return self }
        let b = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if i + t.count <= b.count, b[i] == t[0], b[i..<(i + t.count)].elementsEqual(t) {
                out += Array(replacement.utf8)
                i += t.count
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
