import AWSCore

/// One page of `DescribeMountTargets`; `nextMarker` is `nil` on the last page.
public struct EFSMountTargetPage: Sendable, Equatable {
    public var mountTargets: [EFSMountTarget]
    public var nextMarker: String?
}

extension EFSClient {
    private struct Output: Decodable {
        var MountTargets: [EFSMountTarget]?
        var NextMarker: String?
    }

    /// Every mount target of a file system, following `NextMarker` to the last page.
    ///
    /// A marker that repeats means a broken server; that throws instead of looping forever.
    public func describeMountTargets(fileSystemId: String, pageSize: Int? = nil) async throws -> [EFSMountTarget] {
        try ServiceInputError.validateIdentifier(fileSystemId, parameter: "FileSystemId")
        var all: [EFSMountTarget] = []
        var marker: String?
        var seen: Set<String> = []
        repeat {
            let page = try await describeMountTargetsPage(fileSystemId: fileSystemId, marker: marker, maxItems: pageSize)
            all += page.mountTargets
            marker = page.nextMarker.flatMap { $0.isEmpty ? nil : $0 }
            if let m = marker, !seen.insert(m).inserted {
                throw ServiceResponseError(service: "efs", operation: "DescribeMountTargets", reason: "NextMarker repeats")
            }
        } while marker != nil
        return all
    }

    /// One mount target by id; an unknown id is `MountTargetNotFound` (`.mountTargetNotFound`).
    public func describeMountTarget(id: String) async throws -> EFSMountTarget {
        try ServiceInputError.validateIdentifier(id, parameter: "MountTargetId")
        let page = try await describeMountTargetsPage(query: [("MountTargetId", id)])
        guard let target = page.mountTargets.first(where: { $0.mountTargetId == id }) else {
            throw AWSError(service: "efs", operation: "DescribeMountTargets", httpStatus: 404, code: "MountTargetNotFound",
                           message: "Mount target '\(id)' does not exist.")
        }
        return target
    }

    /// One page, for callers that page themselves.
    public func describeMountTargetsPage(fileSystemId: String, marker: String? = nil, maxItems: Int? = nil) async throws -> EFSMountTargetPage {
        try ServiceInputError.validateIdentifier(fileSystemId, parameter: "FileSystemId")
        var query = [("FileSystemId", fileSystemId)]
        if let maxItems {
            guard maxItems > 0 else { throw ServiceInputError(parameter: "MaxItems", value: String(maxItems), reason: "must be positive") }
            query.append(("MaxItems", String(maxItems)))
        }
        if let marker { query.append(("Marker", marker)) }
        return try await describeMountTargetsPage(query: query)
    }

    private func describeMountTargetsPage(query: [(String, String)]) async throws -> EFSMountTargetPage {
        let request = AWSServiceRequest(service: .efs, operation: "DescribeMountTargets", method: "GET",
                                        path: "\(Self.apiVersionPath)/mount-targets", query: query, idempotent: true)
        let output = try await executor.send(request) {
            try JSONCodec.decode(Output.self, from: $0, service: .efs, operation: "DescribeMountTargets")
        }
        return EFSMountTargetPage(mountTargets: output.MountTargets ?? [], nextMarker: output.NextMarker)
    }
}
