/// A document in SSM that cannot be used. It names the parameter so that whoever is paged knows
/// exactly which value to look at; the run stops before any mutating call instead of replacing
/// the document with defaults (which would forget a pending scale-in and strand clients).
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case notJSON, wrongShape, unsupportedVersion, tooLarge
    }

    public var parameter: String
    public var kind: Kind
    public var detail: String

    public init(parameter: String, kind: Kind, detail: String) {
        self.parameter = parameter
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .notJSON: "SSM parameter \(parameter) is not valid JSON: \(detail)"
        case .wrongShape: "SSM parameter \(parameter) does not have the expected shape: \(detail)"
        case .unsupportedVersion: "SSM parameter \(parameter) has an unsupported version: \(detail)"
        case .tooLarge: "SSM parameter \(parameter) is too large: \(detail)"
        }
    }
}
