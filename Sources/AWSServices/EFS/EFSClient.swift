import AWSCore

/// Amazon EFS (restJson1 under `/2015-02-01/`, signed as `elasticfilesystem`).
///
/// One file per operation (`EFSClient+<Operation>.swift`). Errors come from the executor as
/// `AWSError` (classify with `.kind`), `ServiceInputError` before anything is sent, or
/// `ServiceResponseError` when a 2xx body is not what EFS promises.
public struct EFSClient: Sendable {
    public let executor: any AWSRequestExecutor

    public init(executor: any AWSRequestExecutor) {
        self.executor = executor
    }

    static let apiVersionPath = "/2015-02-01"
}
