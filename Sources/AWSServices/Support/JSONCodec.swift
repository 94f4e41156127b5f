#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWSCore

/// The one place JSON request bodies are written and JSON responses read, so every
/// operation agrees on timestamps and on what a bad body means. Timestamps come as epoch
/// seconds (what EFS, ECS and SSM send) or ISO 8601 strings (some emulators, some fields);
/// both are read, anything else is a `ServiceResponseError`.
enum JSONCodec {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// Unknown fields are ignored (Decodable does that) and nulls read as absent when the
    /// model field is optional; a missing required field is a `ServiceResponseError`.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, service: AWSService, operation: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try container.decode(String.self)
            if let seconds = Timestamp.parseISO8601(text) { return Date(timeIntervalSince1970: seconds) }
            if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
        }
        let body = response.body.isEmpty ? Array("{}".utf8) : response.body
        do {
            return try decoder.decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw ServiceResponseError(service: service.name, operation: operation, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "body" : p
        }
        switch error {
        case .keyNotFound(let key, let context):
            return context.codingPath.isEmpty ? "missing \(key.stringValue)" : "missing \(path(context)).\(key.stringValue)"
        case .valueNotFound(_, let context): return "null at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted(let context): return "malformed JSON at \(path(context))"
        @unknown default: return "undecodable JSON"
        }
    }
}
