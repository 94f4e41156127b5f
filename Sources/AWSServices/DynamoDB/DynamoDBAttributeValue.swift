/// The attribute types the lock item uses, in DynamoDB's JSON shape (`{"S":"…"}`, `{"N":"…"}`).
/// Other types read as `.unsupported` (kept, never crashed on), so an item someone annotated by
/// hand still decodes.
public enum DynamoDBAttributeValue: Sendable, Hashable, Codable {
    case string(String)
    /// DynamoDB numbers travel as strings, exactly as written.
    case number(String)
    case bool(Bool)
    case null
    case unsupported(type: String)

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty attribute value"))
        }
        switch key.stringValue {
        case "S": self = .string(try container.decode(String.self, forKey: key))
        case "N": self = .number(try container.decode(String.self, forKey: key))
        case "BOOL": self = .bool(try container.decode(Bool.self, forKey: key))
        case "NULL": self = .null
        default: self = .unsupported(type: key.stringValue)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .string(let value): try container.encode(value, forKey: Key(stringValue: "S"))
        case .number(let value): try container.encode(value, forKey: Key(stringValue: "N"))
        case .bool(let value): try container.encode(value, forKey: Key(stringValue: "BOOL"))
        case .null: try container.encode(true, forKey: Key(stringValue: "NULL"))
        case .unsupported(let type):
            throw EncodingError.invalidValue(type, .init(codingPath: encoder.codingPath, debugDescription: "cannot write attribute type \(type)"))
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }

    public static func number(_ value: Int) -> Self { .number(String(value)) }
}

/// One item: attribute name to value.
public typealias DynamoDBItem = [String: DynamoDBAttributeValue]
