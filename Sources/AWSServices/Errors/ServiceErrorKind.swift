import AWSCore

/// What an AWS error means to the autoscaler, independent of which service or spelling
/// produced it. The scaling engine and `doctor` switch on this instead of comparing code
/// strings, so a new spelling is added here once.
///
/// `other` covers every code the autoscaler has no specific reaction to; look at
/// `AWSError.code` for the detail.
public enum ServiceErrorKind: String, Sendable, Hashable, CaseIterable {
    case mountTargetConflict
    case mountTargetNotFound
    case fileSystemNotFound
    case subnetNotFound
    case securityGroupNotFound
    case noFreeAddressesInSubnet
    case incorrectFileSystemLifeCycleState
    /// EFS `IncorrectMountTargetState`: e.g. the security groups of a mount target whose
    /// network interface does not exist yet.
    case incorrectMountTargetState
    case parameterNotFound
    case parameterAlreadyExists
    case serviceNotFound
    case clusterNotFound
    case conditionalCheckFailed
    case resourceNotFound
    case throttling
    case accessDenied
    /// EFS refuses a mount target in that AZ (`UnsupportedAvailabilityZone`).
    case unsupportedAvailabilityZone
    /// EFS: the subnet's AZ is not the One Zone file system's (`AvailabilityZonesMismatch`).
    case availabilityZonesMismatch
    /// EFS: the account's network-interface quota is reached (`NetworkInterfaceLimitExceeded`).
    case networkInterfaceLimitExceeded
    case other

    /// Classifies one AWS error code. Codes are matched exactly as AWS spells them (EC2's
    /// dotted `InvalidSubnetID.NotFound` included).
    public init(code: String, httpStatus: Int = 400) {
        if AWSError.accessDeniedCodes.contains(code) {
            self = .accessDenied
        } else if AWSError.throttlingCodes.contains(code) || httpStatus == 429 {
            self = .throttling
        } else {
            self = Self.byCode[code] ?? .other
        }
    }

    private static let byCode: [String: ServiceErrorKind] = [
        "MountTargetConflict": .mountTargetConflict,
        "MountTargetNotFound": .mountTargetNotFound,
        "FileSystemNotFound": .fileSystemNotFound,
        "SubnetNotFound": .subnetNotFound,
        "InvalidSubnetID.NotFound": .subnetNotFound,
        "InvalidSubnetID.Malformed": .subnetNotFound,
        "SecurityGroupNotFound": .securityGroupNotFound,
        "InvalidGroup.NotFound": .securityGroupNotFound,
        "InvalidGroupId.Malformed": .securityGroupNotFound,
        "NoFreeAddressesInSubnet": .noFreeAddressesInSubnet,
        "IncorrectFileSystemLifeCycleState": .incorrectFileSystemLifeCycleState,
        "IncorrectMountTargetState": .incorrectMountTargetState,
        "ParameterNotFound": .parameterNotFound,
        "ParameterAlreadyExists": .parameterAlreadyExists,
        "ServiceNotFoundException": .serviceNotFound,
        "ServiceNotActiveException": .serviceNotFound,
        "ClusterNotFoundException": .clusterNotFound,
        "ConditionalCheckFailedException": .conditionalCheckFailed,
        "ResourceNotFoundException": .resourceNotFound,
        "UnsupportedAvailabilityZone": .unsupportedAvailabilityZone,
        "AvailabilityZonesMismatch": .availabilityZonesMismatch,
        "NetworkInterfaceLimitExceeded": .networkInterfaceLimitExceeded,
    ]
}

extension AWSError {
    /// This error's meaning to the autoscaler.
    public var kind: ServiceErrorKind { ServiceErrorKind(code: code, httpStatus: httpStatus) }
}

/// Classifies any thrown error: an `AWSError` by its code, anything else (transport
/// failures, decoding problems) as `nil`, because those carry no AWS verdict.
public func serviceErrorKind(of error: any Error) -> ServiceErrorKind? {
    (error as? AWSError)?.kind
}
