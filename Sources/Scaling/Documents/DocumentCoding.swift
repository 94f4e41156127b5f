#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON conventions shared by the SSM documents: ISO 8601 UTC timestamps with milliseconds,
/// sorted keys (stable bytes, so "unchanged" really means unchanged), a 4 KB ceiling (the SSM
/// Standard tier limit), and decoding errors turned into a `DocumentError` naming the parameter.
enum DocumentCoding {
    /// SSM Standard-tier parameters hold at most 4 KB.
    static let maximumBytes = 4096

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Rounds to the millisecond. The format style truncates, and a parsed ".357" is a binary
    /// fraction just below it, so formatting it directly gave ".356": every rewrite of an
    /// unchanged document moved its clocks (a drain's start, the cooldown) back by a millisecond
    /// and changed its bytes. The 0.2 ms bias lands the truncation on the rounded millisecond.
    static func format(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        return withFraction.format(Date(timeIntervalSinceReferenceDate: milliseconds / 1000 + 0.0002))
    }

    static func parse(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 timestamp: \(text)")
            }
            return date
        }
        return decoder
    }

    static func checkSize(_ text: String, parameter: String) throws(DocumentError) {
        let size = text.utf8.count
        if size > maximumBytes {
            throw DocumentError(parameter: parameter, kind: .tooLarge,
                                detail: "\(size) bytes, at most \(maximumBytes) allowed")
        }
    }

    /// Decodes `text`, mapping every failure to a `DocumentError` for `parameter`.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, parameter: String) throws(DocumentError) -> T {
        try checkSize(text, parameter: parameter)
        let data = Data(text.utf8)
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DocumentError {
            throw error
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw DocumentError(parameter: parameter, kind: .notJSON, detail: context.debugDescription)
        } catch let error as DecodingError {
            throw DocumentError(parameter: parameter, kind: .wrongShape, detail: describe(error))
        } catch {
            throw DocumentError(parameter: parameter, kind: .notJSON, detail: String(describing: error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "top level" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "missing field \"\(key.stringValue)\" at \(parent)"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    /// A JSON string literal (used where key order must match the original format exactly).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
