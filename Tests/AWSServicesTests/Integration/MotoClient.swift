import AWSCore
import Logging
import TestSupport

/// Builds the production `AWSClient` (real libcurl transport, SDK credentials chain,
/// endpoint overrides) from an environment, the way the binary does.
enum MotoClient {
    static func make(_ environment: [String: String]) throws -> AWSClient {
        try AWSClient.fromEnvironment(environment, transport: CurlTransport(environment: [:]), logger: Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}
