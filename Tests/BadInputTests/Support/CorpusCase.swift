import Foundation
import Testing

/// One bad input from `Corpus/<category>/cases.json`: what to feed the binary, and the fragments
/// its error message must contain (the variable, field, parameter or operation at fault, and
/// usually the bad value). `${name}` placeholders are replaced with values of the seeded
/// deployment (`${listParameter}`, `${vpcId}`, …) before use.
struct CorpusCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var category: String
    /// Why this input is interesting; documentation only.
    var note: String?
    /// Event cases: the event text, or `payload` naming a file next to `cases.json`, or
    /// `generated` (for inputs too large or too odd to keep verbatim).
    var event: String?
    var payload: String?
    var generated: Generated?
    /// Environment cases: variables to set (over a valid deployment's environment) and to remove.
    var set: [String: String]?
    var unset: [String]?
    /// Document cases: which parameter (`list` or `state`) gets `value` (or `payload`).
    var parameter: String?
    var value: String?
    /// Response cases: the operation whose response is replaced, and what is served instead.
    var operation: String?
    var response: ServedResponse?
    /// Fragments the error output must contain, after placeholder substitution.
    var expect: [String]

    var testDescription: String { "\(category)/\(name)" }

    /// `prefix` + `repeat` × `count` + `suffix`; `hex` prefixes/suffixes allow invalid UTF-8.
    struct Generated: Decodable, Sendable {
        var prefix: String?
        var `repeat`: String
        var count: Int
        var suffix: String?
        var suffixHex: String?

        var bytes: [UInt8] {
            var out = Array((prefix ?? "").utf8)
            let unit = Array(`repeat`.utf8)
            out.reserveCapacity(out.count + unit.count * count)
            for _ in 0..<count { out += unit }
            out += Array((suffix ?? "").utf8)
            if let suffixHex { out += Self.decodeHex(suffixHex) }
            return out
        }

        static func decodeHex(_ text: String) -> [UInt8] {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                bytes.append(UInt8(text[index..<next], radix: 16)!)
                index = next
            }
            return bytes
        }
    }

    struct ServedResponse: Decodable, Sendable {
        var status: Int
        var contentType: String?
        /// The body, or `payload` names a file next to `cases.json`.
        var body: String?
        var payload: String?
    }
}

/// The corpus directory and its manifests.
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    static func cases(_ category: String) throws -> [CorpusCase] {
        let data = try Data(contentsOf: root.appendingPathComponent(category).appendingPathComponent("cases.json"))
        let cases = try JSONDecoder().decode([CorpusCase].self, from: data)
        for item in cases {
            #expect(item.category == category, "\(item.name) is filed under \(category) but says \(item.category)")
            #expect(!item.expect.isEmpty, "\(item.name) expects nothing of the error message")
        }
        #expect(Set(cases.map(\.name)).count == cases.count, "duplicate case names in \(category)")
        return cases
    }

    static func payload(_ category: String, _ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(category).appendingPathComponent(file)))
    }

    /// Replaces every `${key}` in `text`.
    static func substitute(_ text: String, _ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
    }
}
