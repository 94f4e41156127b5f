import ArgumentParser

/// The executable's entry point. `main.swift` cannot use `@main`, and from top-level code the
/// compiler picks `ParsableCommand`'s synchronous `main(_:)`, which never runs `async` commands.
public enum CommandLineEntry {
    public static func run(_ arguments: [String]? = nil) async {
        await runAsync(EFSAutoscalerCommand.self, arguments)
    }

    private static func runAsync<Command: AsyncParsableCommand>(_ command: Command.Type, _ arguments: [String]?) async {
        await Command.main(arguments)
    }
}
