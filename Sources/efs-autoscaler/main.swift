import EFSAutoscalerCLI

// Parse and run explicitly: the overloads of `main` resolve to the synchronous one from
// top-level code, which would never run an async subcommand.
await EFSAutoscalerCommand.runAsRoot(Array(CommandLine.arguments.dropFirst()))
