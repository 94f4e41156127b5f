import ArgumentParser

/// The root command. Each face of the binary is one subcommand in `Commands/`.
public struct EFSAutoscalerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "efs-autoscaler",
        abstract: "Keeps an Amazon EFS file system's mount targets matched to its workload.",
        version: EFSAutoscalerVersion.current,
        subcommands: [CountCommand.self, RouteCommand.self, LambdaCommand.self, WorkerCommand.self]
    )

    public init() {}
}
