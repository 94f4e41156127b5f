import AWSCore
import SigV4

extension EFSClient {
    /// Deletes a mount target (DELETE /2015-02-01/mount-targets/{id}). Marked idempotent:
    /// sending it twice does no harm, the second answer is `.mountTargetNotFound`, which a
    /// caller removing the target treats as done.
    public func deleteMountTarget(id: String) async throws {
        try ServiceInputError.validateIdentifier(id, parameter: "MountTargetId")
        let request = AWSServiceRequest(service: .efs, operation: "DeleteMountTarget", method: "DELETE",
                                        path: "\(Self.apiVersionPath)/mount-targets/\(PercentEncoding.encode(id))",
                                        idempotent: true)
        _ = try await executor.execute(request)
    }
}
