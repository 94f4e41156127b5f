#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EFSAutoscalerCLI

// Lambda starts the deployed `bootstrap` with no arguments: serve the Runtime API then.
switch LaunchMode.detect(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment) {
case .lambdaRuntime:
    await EFSAutoscalerCommand.runAsRoot(["lambda"])
case .commandLine:
    await EFSAutoscalerCommand.runAsRoot(Array(CommandLine.arguments.dropFirst()))
}
