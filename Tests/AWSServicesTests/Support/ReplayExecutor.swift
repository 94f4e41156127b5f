import AWSCore
import Synchronization

/// A fake `AWSRequestExecutor` that records every request and answers from a script:
/// a closure from the request (and how many came before it) to a response or an error.
/// It replays recorded bodies; it does not sign or retry, which the core's tests cover.
final class ReplayExecutor: AWSRequestExecutor {
    typealias Handler = @Sendable (AWSServiceRequest, Int) throws -> HTTPResponse
    private let handler: Handler
    private let recorded = Mutex<[AWSServiceRequest]>([])

    init(_ handler: @escaping Handler) { self.handler = handler }

    /// Always answers 200 with this body.
    convenience init(body: String) {
        self.init { _, _ in HTTPResponse(status: 200, body: Array(body.utf8)) }
    }

    var requests: [AWSServiceRequest] { recorded.withLock { $0 } }

    func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse {
        let index = recorded.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return try handler(request, index)
    }
}

extension AWSServiceRequest {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func queryValue(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
    /// The form body as ordered pairs, percent-decoding left out: tests compare the encoding itself.
    var formPairs: [String] { bodyText.split(separator: "&").map(String.init) }
}
