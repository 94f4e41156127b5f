/// Byte-level helpers for the signer's fast paths.
///
/// Each fast path runs only when its input is ASCII. For ASCII, Swift's Unicode-aware
/// `lowercased()`, `split`, `==` and `hasPrefix` agree with plain byte operations, so the fast
/// path gives the same result as the String-based reference code, which still handles any
/// non-ASCII input. What the transport sends is ASCII (paths and queries are percent-encoded).
enum ASCII {
    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            for b in bytes where b >= 0x80 { return false }
            return true
        }
    }

    static func isASCII(_ s: Substring) -> Bool {
        for b in s.utf8 where b >= 0x80 { return false }
        return true
    }

    /// `s.lowercased()` for ASCII `s`, returning `s` itself when nothing changes.
    static func lowercased(_ s: String) -> String {
        var s = s
        let hasUpper = s.withUTF8 { bytes in bytes.contains { $0 >= 0x41 && $0 <= 0x5A } }
        guard hasUpper else { return s }
        return s.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, b) in bytes.enumerated() { out[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
                return bytes.count
            }
        }
    }

    /// `s.uppercased()` for ASCII `s`, returning `s` itself when nothing changes.
    static func uppercased(_ s: String) -> String {
        var s = s
        let hasLower = s.withUTF8 { bytes in bytes.contains { $0 >= 0x61 && $0 <= 0x7A } }
        guard hasLower else { return s }
        return s.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, b) in bytes.enumerated() { out[i] = (b >= 0x61 && b <= 0x7A) ? b & ~0x20 : b }
                return bytes.count
            }
        }
    }

    /// Whether ASCII `s` equals `lowercase` (already lowercase ASCII) ignoring ASCII case.
    static func equalsIgnoringCase(_ s: String, _ lowercase: StaticString) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
            let expected = lowercase.utf8Start
            for i in 0..<bytes.count {
                let b = bytes[i]
                if ((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) != expected[i] { return false }
            }
            return true
        }
    }

    /// `a.utf8` lexicographically before `b.utf8`, comparing contiguous bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                for i in 0..<n where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
    }

    /// Appends `s`'s UTF-8 (any string, not only ASCII) to `out` in one copy.
    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }
}
