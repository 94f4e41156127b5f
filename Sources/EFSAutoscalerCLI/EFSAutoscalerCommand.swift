import ArgumentParser

/// The root command. Each face of the binary is one subcommand in `Commands/`.
public struct EFSAutoscalerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "efs-autoscaler",
        abstract: "Keeps an Amazon EFS file system's mount targets matched to its workload.",
        version: EFSAutoscalerVersion.current,
        subcommands: [InvokeCommand.self, PlanCommand.self, CountCommand.self, DoctorCommand.self, RouteCommand.self, LambdaCommand.self, WorkerCommand.self]
    )

    public init() {}
}

extension EFSAutoscalerCommand {
    /// Parses `arguments`, runs the chosen subcommand (async or not) and exits with
    /// argument-parser's conventions for help, usage errors and failures.
    public static func runAsRoot(_ arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
