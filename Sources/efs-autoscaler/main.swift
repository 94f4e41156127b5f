import EFSAutoscalerCLI

let arguments: [String]? = Array(CommandLine.arguments.dropFirst())
await EFSAutoscalerCommand.main(arguments)
