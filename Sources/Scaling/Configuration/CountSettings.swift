import FileCounter

/// `COUNT_CONCURRENCY` and `COUNT_RECURSIVE` (DESIGN.md §6): how the walker counts. The limits
/// are the walker's own (`CountOptions`); the rules are the contract's, so `count`, the worker
/// and the Lambda accept and refuse the same values with the same message.
public struct CountSettings: Sendable, Hashable {
    /// The walker runs one OS thread per directory in flight and refuses more than this.
    public static let concurrencyRange = 1...CountOptions.maximumConcurrency
    public static let defaultConcurrency = CountOptions.defaultConcurrency

    public var concurrency: Int
    public var recursive: Bool

    public init(concurrency: Int = CountSettings.defaultConcurrency, recursive: Bool = true) {
        self.concurrency = concurrency
        self.recursive = recursive
    }

    /// Only the counter's variables; every other variable is ignored.
    public static func parse(_ environment: [String: String]) throws(ConfigurationError) -> CountSettings {
        var env = EnvironmentReader(environment)
        let (concurrency, recursive) = read(&env)
        guard env.problems.isEmpty else { throw ConfigurationError(problems: env.problems) }
        return CountSettings(concurrency: concurrency ?? defaultConcurrency, recursive: recursive ?? true)
    }

    /// A `--concurrency N` flag, checked against the same range and reported the same way.
    public static func concurrency(flag: Int, name: String = "--concurrency") throws(ConfigurationError) -> Int {
        var env = EnvironmentReader([name: String(flag)])
        guard let value = env.integer(name, in: concurrencyRange) else { throw ConfigurationError(problems: env.problems) }
        return value
    }

    /// Reads both variables, recording a problem for each bad one; `nil` when unset or bad.
    static func read(_ env: inout EnvironmentReader) -> (concurrency: Int?, recursive: Bool?) {
        (env.integer("COUNT_CONCURRENCY", in: concurrencyRange), env.boolean("COUNT_RECURSIVE"))
    }

    /// The walker's options for these settings.
    public var options: CountOptions { CountOptions(recursive: recursive, concurrency: concurrency) }
}
