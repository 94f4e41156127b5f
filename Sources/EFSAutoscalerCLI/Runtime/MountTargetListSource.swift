import AWSCore
import AWSServices
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `route` reads the published mount-target list document from.
protocol MountTargetListSource: Sendable {
    /// Names the source in errors (a file path, `standard input`, an SSM parameter name).
    var name: String { get }
    func fetch() async throws -> [UInt8]
}

/// `--list FILE` or `--list -` (standard input).
struct FileMountTargetListSource: MountTargetListSource {
    let path: String

    var name: String { path == "-" ? "standard input" : path }

    func fetch() async throws -> [UInt8] {
        try InputFile.read(path)
    }
}

/// `SSM_PARAMETER_NAME`: the list as the autoscaler publishes it.
struct SSMMountTargetListSource: MountTargetListSource {
    let parameterName: String
    let ssm: SSMClient

    var name: String { "SSM parameter \(parameterName)" }

    func fetch() async throws -> [UInt8] {
        Array(try await ssm.getParameter(name: parameterName).value.utf8)
    }
}

func makeSSMMountTargetListSource(parameterName: String, environment: [String: String]) throws -> any MountTargetListSource {
    var logger = Logger(label: "efs-autoscaler.route")
    logger.logLevel = .error
    let client = try AWSClient.fromEnvironment(environment, logger: logger)
    return SSMMountTargetListSource(parameterName: parameterName, ssm: SSMClient(executor: client))
}
