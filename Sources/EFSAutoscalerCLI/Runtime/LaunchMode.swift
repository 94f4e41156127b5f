/// How the binary was started: Lambda runs it as `bootstrap` with no arguments and with
/// `AWS_LAMBDA_RUNTIME_API` set; everyone else names a subcommand.
public enum LaunchMode: Equatable, Sendable {
    case lambdaRuntime
    case commandLine

    /// Arguments beyond argv[0] always win, so `bootstrap --help` or a subcommand still work.
    public static func detect(arguments: [String], environment: [String: String]) -> LaunchMode {
        guard arguments.count <= 1 else { return .commandLine }
        let name = arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        if name == "bootstrap" { return .lambdaRuntime }
        if let api = environment["AWS_LAMBDA_RUNTIME_API"], !api.isEmpty { return .lambdaRuntime }
        return .commandLine
    }
}
