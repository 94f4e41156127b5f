#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The member names of a JSON object's top level, in document order, repeats included.
///
/// `JSONDecoder` keeps only the first of two equal keys, so `{"dry_run":true,"dry_run":false}`
/// would silently become a dry run (or a real one, with the values swapped); the event parser
/// uses this to reject such a document instead of guessing. A linear scan without recursion, so
/// deep nesting costs nothing. Call it only on bytes that already decoded as a JSON object:
/// it does not validate.
enum TopLevelKeys {
    static func scan(_ bytes: [UInt8]) -> [String] {
        var keys: [String] = []
        var depth = 0
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingKey = true }
            case UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ",") where depth == 1:
                expectingKey = true
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if depth == 1, expectingKey, index < bytes.count {
                    keys.append((try? JSONDecoder().decode(String.self, from: Data(bytes[start...index]))) ?? "")
                    expectingKey = false
                }
            default:
                break
            }
            index += 1
        }
        return keys
    }

    /// The first key that appears more than once, if any.
    static func firstRepeated(in bytes: [UInt8]) -> String? {
        var seen = Set<String>()
        return scan(bytes).first { !seen.insert($0).inserted }
    }
}
