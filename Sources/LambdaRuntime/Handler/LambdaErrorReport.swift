#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error that chooses the `errorType` Lambda records (e.g. `Configuration.InvalidVariable`).
/// Other errors are reported with their Swift type name.
public protocol LambdaReportableError: Error {
    var lambdaErrorType: String { get }
}

/// The body Lambda expects on `…/error` and `…/init/error`: `{"errorMessage","errorType"}`,
/// with the same type in the `Lambda-Runtime-Function-Error-Type` header.
public struct LambdaErrorReport: Sendable, Equatable, Codable {
    public var errorMessage: String
    public var errorType: String

    public init(errorType: String, errorMessage: String) {
        self.errorType = errorType
        self.errorMessage = errorMessage
    }

    /// The message is the error's description: error types in this project never put secrets
    /// in their descriptions.
    public init(_ error: any Error) {
        let type = (error as? any LambdaReportableError)?.lambdaErrorType ?? String(describing: Swift.type(of: error))
        self.init(errorType: type, errorMessage: String(describing: error))
    }

    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Two strings cannot fail to encode.
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
