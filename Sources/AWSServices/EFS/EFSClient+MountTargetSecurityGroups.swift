import AWSCore
import SigV4

extension EFSClient {
    private struct DescribeOutput: Decodable {
        var SecurityGroups: [String]?
    }

    private struct ModifyInput: Encodable {
        var SecurityGroups: [String]
    }

    /// The security groups in effect on a mount target's network interface
    /// (GET /2015-02-01/mount-targets/{id}/security-groups). EFS answers
    /// `.mountTargetNotFound` for an unknown id and `IncorrectMountTargetState` while the
    /// network interface does not exist yet (a `creating` mount target) or is gone.
    public func describeMountTargetSecurityGroups(id: String) async throws -> [String] {
        try ServiceInputError.validateIdentifier(id, parameter: "MountTargetId")
        let request = AWSServiceRequest(service: .efs, operation: "DescribeMountTargetSecurityGroups", method: "GET",
                                        path: Self.securityGroupsPath(id), idempotent: true)
        let output = try await executor.send(request) {
            try JSONCodec.decode(DescribeOutput.self, from: $0, service: .efs, operation: "DescribeMountTargetSecurityGroups")
        }
        guard let groups = output.SecurityGroups else {
            throw ServiceResponseError(service: "efs", operation: "DescribeMountTargetSecurityGroups",
                                       reason: "the answer has no SecurityGroups")
        }
        return groups
    }

    /// Replaces the security groups of a mount target's network interface
    /// (PUT /2015-02-01/mount-targets/{id}/security-groups, 204 without a body). Marked
    /// idempotent: it sets a whole list, so sending it twice leaves the same groups.
    public func modifyMountTargetSecurityGroups(id: String, securityGroups: [String]) async throws {
        try ServiceInputError.validateIdentifier(id, parameter: "MountTargetId")
        guard (1...5).contains(securityGroups.count) else {
            throw ServiceInputError(parameter: "SecurityGroups", value: securityGroups.joined(separator: ","),
                                    reason: "must name between 1 and 5 security groups")
        }
        for group in securityGroups { try ServiceInputError.validateIdentifier(group, parameter: "SecurityGroups") }
        let request = AWSServiceRequest(service: .efs, operation: "ModifyMountTargetSecurityGroups", method: "PUT",
                                        path: Self.securityGroupsPath(id),
                                        body: try JSONCodec.encode(ModifyInput(SecurityGroups: securityGroups)),
                                        idempotent: true)
        _ = try await executor.execute(request)
    }

    private static func securityGroupsPath(_ id: String) -> String {
        "\(apiVersionPath)/mount-targets/\(PercentEncoding.encode(id))/security-groups"
    }
}
