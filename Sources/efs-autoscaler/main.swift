import EFSAutoscalerCLI

await EFSAutoscalerCommand.main()
