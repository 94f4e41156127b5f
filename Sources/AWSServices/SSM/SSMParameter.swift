#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A parameter's current value. `version` grows by one on every overwrite, which lets a
/// reader tell whether the document changed without comparing values.
public struct SSMParameter: Decodable, Sendable, Equatable {
    public var name: String
    public var value: String
    public var version: Int64
    public var type: String?
    public var lastModifiedDate: Date?

    public init(name: String, value: String, version: Int64, type: String? = nil, lastModifiedDate: Date? = nil) {
        self.name = name
        self.value = value
        self.version = version
        self.type = type
        self.lastModifiedDate = lastModifiedDate
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case value = "Value"
        case version = "Version"
        case type = "Type"
        case lastModifiedDate = "LastModifiedDate"
    }
}
