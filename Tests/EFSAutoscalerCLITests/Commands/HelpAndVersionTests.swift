import EFSAutoscalerCLI
import Foundation
import Testing
import TestSupport

/// `--help` of every subcommand lists the environment variables it reads; `--version` prints
/// the version. No AWS, no emulator.
@Suite struct HelpAndVersionTests {
    @Test(arguments: [
        ("invoke", ["TARGET_DIRECTORY", "FILE_COUNT_THRESHOLD", "EFS_FILE_SYSTEM_ID", "SSM_PARAMETER_NAME", "AWS_REGION"]),
        ("plan", ["TARGET_DIRECTORY", "FILE_COUNT_THRESHOLD", "DRY_RUN", "AWS_ENDPOINT_URL"]),
        ("count", ["COUNT_CONCURRENCY", "COUNT_RECURSIVE"]),
        ("doctor", ["EFS_FILE_SYSTEM_ID", "SSM_PARAMETER_NAME", "AWS_REGION", "AWS_ENDPOINT_URL"]),
        ("route", ["SSM_PARAMETER_NAME", "AWS_AVAILABILITY_ZONE"]),
        ("lambda", ["AWS_LAMBDA_RUNTIME_API", "LOG_LEVEL", "LOG_FORMAT"]),
        ("worker", ["LOG_LEVEL", "LOG_FORMAT"]),
    ])
    func helpNamesTheEnvironmentVariables(command: String, variables: [String]) async throws {
        let output = try await BuiltExecutable().run([command, "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Environment"), "\(command) --help: \(output.stdout)")
        for variable in variables {
            #expect(output.stdout.contains(variable), "\(command) --help mentions \(variable)")
        }
    }

    @Test func versionPrintsTheVersion() async throws {
        let output = try await BuiltExecutable().run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == EFSAutoscalerVersion.current)
        #expect(EFSAutoscalerVersion.current.split(separator: ".").count == 3)
    }
}
