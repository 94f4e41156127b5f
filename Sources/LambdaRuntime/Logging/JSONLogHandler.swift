#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// One JSON object per line, as CloudWatch Logs Insights parses them in Lambda and ECS:
/// `{"timestamp","level","message","logger",...metadata}`. Metadata keys never replace these four.
///
/// The library only offers the handler; the executable chooses it (`LoggingSystem.bootstrap`).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// - Parameter sink: receives each line including its `\n`; standard error by default, so
    ///   a command's own output on stdout stays machine-readable.
    public init(label: String, level: Logger.Level = .info, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    /// One `write(2)` per line, so lines from concurrent tasks do not interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        var line = line
        line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: JSONLogValue] = [:]
        let merged = metadata
            .merging(metadataProvider?.get() ?? [:]) { $1 }
            .merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged { fields[key] = JSONLogValue(value) }
        fields["timestamp"] = .string(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        fields["level"] = .string(event.level.rawValue)
        fields["message"] = .string("\(event.message)")
        fields["logger"] = .string(label)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }
}

private enum JSONLogValue: Encodable {
    case string(String)
    case array([JSONLogValue])
    case object([String: JSONLogValue])

    init(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let convertible): self = .string(convertible.description)
        case .array(let values): self = .array(values.map(JSONLogValue.init))
        case .dictionary(let values): self = .object(values.mapValues(JSONLogValue.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}
