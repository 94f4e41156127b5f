import AWSCore

/// What a new mount target needs. `ipAddress` pins the address; `nil` lets EFS pick one.
/// `ipAddressType` `nil` leaves it out, which EFS reads as `IPV4_ONLY`.
public struct CreateMountTargetInput: Sendable, Equatable, Encodable {
    public var fileSystemId: String
    public var subnetId: String
    public var securityGroups: [String]
    public var ipAddress: String?
    public var ipAddressType: EFSIPAddressType?

    public init(fileSystemId: String, subnetId: String, securityGroups: [String], ipAddress: String? = nil,
                ipAddressType: EFSIPAddressType? = nil) {
        self.fileSystemId = fileSystemId
        self.subnetId = subnetId
        self.securityGroups = securityGroups
        self.ipAddress = ipAddress
        self.ipAddressType = ipAddressType
    }

    enum CodingKeys: String, CodingKey {
        case fileSystemId = "FileSystemId"
        case subnetId = "SubnetId"
        case securityGroups = "SecurityGroups"
        case ipAddress = "IpAddress"
        case ipAddressType = "IpAddressType"
    }
}

extension EFSClient {
    /// Creates a mount target (POST /2015-02-01/mount-targets). Not idempotent: EFS has no
    /// client token here, so the executor must not resend it after a transport error.
    /// The caller reacts to `.mountTargetConflict` (the AZ already has one), `.subnetNotFound`,
    /// `.securityGroupNotFound`, `.noFreeAddressesInSubnet` and
    /// `.incorrectFileSystemLifeCycleState`.
    public func createMountTarget(_ input: CreateMountTargetInput) async throws -> EFSMountTarget {
        try ServiceInputError.validateIdentifier(input.fileSystemId, parameter: "FileSystemId")
        try ServiceInputError.validateIdentifier(input.subnetId, parameter: "SubnetId")
        guard (1...5).contains(input.securityGroups.count) else {
            throw ServiceInputError(parameter: "SecurityGroups", value: input.securityGroups.joined(separator: ","),
                                    reason: "must name between 1 and 5 security groups")
        }
        for group in input.securityGroups { try ServiceInputError.validateIdentifier(group, parameter: "SecurityGroups") }
        let request = AWSServiceRequest(service: .efs, operation: "CreateMountTarget",
                                        path: "\(Self.apiVersionPath)/mount-targets",
                                        body: try JSONCodec.encode(input), idempotent: false)
        let response = try await executor.execute(request)
        return try JSONCodec.decode(EFSMountTarget.self, from: response, service: .efs, operation: "CreateMountTarget")
    }
}
