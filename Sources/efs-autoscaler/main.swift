#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EFSAutoscalerCLI

switch LaunchMode.detect(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment) {
case .lambdaRuntime:
    await CommandLineEntry.run(["lambda"])
case .commandLine:
    await CommandLineEntry.run()
}
