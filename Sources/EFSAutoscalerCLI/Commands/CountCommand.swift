import ArgumentParser

struct CountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "count", abstract: "Count regular files under a directory.")
    func run() async throws { throw ValidationError("count: not yet implemented") }
}
