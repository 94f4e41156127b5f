/// `YYYYMMDD'T'HHMMSS'Z'` and `YYYYMMDD` from seconds since 1970, without a formatter:
/// the signer runs on every request and a date formatter is the slowest part of naive signers.
struct SigV4Timestamp: Equatable {
    var amzDate: String
    var day: String

    init(secondsSince1970 t: Double) {
        let total = Int64(t.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secs = total - days * 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        let hh = secs / 3600, mm = (secs % 3600) / 60, ss = secs % 60
        guard (0...9999).contains(y) else {
            // Years outside four digits: the general (slower) rendering.
            day = Self.pad(y, 4) + Self.pad(m, 2) + Self.pad(d, 2)
            amzDate = day + "T" + Self.pad(hh, 2) + Self.pad(mm, 2) + Self.pad(ss, 2) + "Z"
            return
        }
        amzDate = String(unsafeUninitializedCapacity: 16) { out in
            var i = 0
            func put(_ v: Int64, _ width: Int) {
                var v = v
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[i + k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
                i += width
            }
            put(y, 4); put(m, 2); put(d, 2)
            out[i] = UInt8(ascii: "T"); i += 1
            put(hh, 2); put(mm, 2); put(ss, 2)
            out[i] = UInt8(ascii: "Z")
            return 16
        }
        day = String(amzDate.utf8.prefix(8))!
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
