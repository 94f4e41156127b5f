/// RFC 3986 percent-encoding as SigV4 defines it: every byte outside the unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` with uppercase hex.
public enum PercentEncoding {
    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isUnreserved(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Encodes `string`'s UTF-8 bytes; `keepSlash` leaves `/` alone (for paths).
    public static func encode(_ string: String, keepSlash: Bool = false) -> String {
        var string = string
        return string.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            append(bytes, to: &out, keepSlash: keepSlash)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the encoding of `bytes` to `out`.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], keepSlash: Bool) {
        upperHex.withUnsafeBufferPointer { hex in
            for c in bytes {
                if isUnreserved(c) || (keepSlash && c == UInt8(ascii: "/")) {
                    out.append(c)
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 0x0F)])
                }
            }
        }
    }

    /// Decodes `%XX` sequences (and nothing else: `+` stays `+`). Malformed escapes are kept literally.
    public static func decode(_ string: Substring) -> String {
        guard string.utf8.contains(UInt8(ascii: "%")) else { return String(string) }
        let bytes = Array(string.utf8)
        return String(decoding: bytes.withUnsafeBufferPointer { decodeBytes($0) }, as: UTF8.self)
    }

    /// `decode` on bytes; the result may be any bytes (a `%FF` decodes to 0xFF).
    static func decodeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
