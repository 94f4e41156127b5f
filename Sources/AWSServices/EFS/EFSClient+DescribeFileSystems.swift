import AWSCore

extension EFSClient {
    private struct Output: Decodable {
        var FileSystems: [EFSFileSystem]?
    }

    /// Describes one file system. EFS answers an unknown id with `FileSystemNotFound`
    /// (`.fileSystemNotFound`); an empty list from an emulator is turned into the same error.
    public func describeFileSystem(id: String) async throws -> EFSFileSystem {
        try ServiceInputError.validateIdentifier(id, parameter: "FileSystemId")
        let request = AWSServiceRequest(service: .efs, operation: "DescribeFileSystems", method: "GET",
                                        path: "\(Self.apiVersionPath)/file-systems", query: [("FileSystemId", id)],
                                        idempotent: true)
        let output = try await executor.send(request) {
            try JSONCodec.decode(Output.self, from: $0, service: .efs, operation: "DescribeFileSystems")
        }
        guard let fileSystem = output.FileSystems?.first(where: { $0.fileSystemId == id }) else {
            throw AWSError(service: "efs", operation: "DescribeFileSystems", httpStatus: 404, code: "FileSystemNotFound",
                           message: "File system '\(id)' does not exist.")
        }
        return fileSystem
    }
}
