import AWSCore
import Testing
@testable import AWSServices

@Suite struct ServiceErrorKindTests {
    @Test(arguments: [
        ("MountTargetConflict", ServiceErrorKind.mountTargetConflict), ("MountTargetNotFound", .mountTargetNotFound),
        ("FileSystemNotFound", .fileSystemNotFound), ("SubnetNotFound", .subnetNotFound),
        ("InvalidSubnetID.NotFound", .subnetNotFound), ("SecurityGroupNotFound", .securityGroupNotFound),
        ("InvalidGroup.NotFound", .securityGroupNotFound), ("NoFreeAddressesInSubnet", .noFreeAddressesInSubnet),
        ("IncorrectFileSystemLifeCycleState", .incorrectFileSystemLifeCycleState), ("ParameterNotFound", .parameterNotFound),
        ("ParameterAlreadyExists", .parameterAlreadyExists), ("ServiceNotFoundException", .serviceNotFound),
        ("ClusterNotFoundException", .clusterNotFound), ("ThrottlingException", .throttling),
        ("RequestLimitExceeded", .throttling), ("AccessDenied", .accessDenied), ("AccessDeniedException", .accessDenied),
        ("UnauthorizedOperation", .accessDenied), ("SignatureDoesNotMatch", .accessDenied),
        ("InvalidClientTokenId", .accessDenied), ("AuthFailure", .accessDenied), ("ValidationException", .other),
    ])
    func classifiesCode(code: String, kind: ServiceErrorKind) {
        let error = AWSError(service: "x", operation: "Op", httpStatus: 400, code: code, message: "m")
        #expect(error.kind == kind)
        #expect(serviceErrorKind(of: error) == kind)
    }

    @Test func http429IsThrottlingWhateverTheCode() {
        #expect(AWSError(service: "x", operation: "Op", httpStatus: 429, code: "Whatever", message: "").kind == .throttling)
    }

    @Test func nonAWSErrorsHaveNoKind() {
        #expect(serviceErrorKind(of: ServiceInputError(parameter: "p", value: "", reason: "r")) == nil)
    }
}
