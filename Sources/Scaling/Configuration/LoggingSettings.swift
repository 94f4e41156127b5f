import Logging

/// `LOG_LEVEL` and `LOG_FORMAT` (DESIGN.md §6): how the process logs. Parsed by the same reader
/// and rules as the rest of the contract, alone for the faces that need nothing else (`count`,
/// `route`, `doctor`, and the Lambda runtime before it reports a bad configuration), or as part
/// of `Settings`.
public struct LoggingSettings: Sendable, Hashable {
    public typealias Format = Configuration.LogFormat

    public static let defaultLevel = Logger.Level.info
    static let levelAllowed = "one of trace, debug, info, notice, warning (or warn), error, critical"

    public var level: Logger.Level
    /// `nil`: the runtime decides (JSON in Lambda and ECS, text on a terminal).
    public var format: Format?

    public init(level: Logger.Level = LoggingSettings.defaultLevel, format: Format? = nil) {
        self.level = level
        self.format = format
    }

    /// Only the logging variables; every other variable is ignored.
    public static func parse(_ environment: [String: String]) throws(ConfigurationError) -> LoggingSettings {
        var env = EnvironmentReader(environment)
        let (level, format) = read(&env)
        guard env.problems.isEmpty else { throw ConfigurationError(problems: env.problems) }
        return LoggingSettings(level: level ?? defaultLevel, format: format)
    }

    /// Reads both variables, recording a problem for each bad one; `nil` when unset or bad.
    static func read(_ env: inout EnvironmentReader) -> (level: Logger.Level?, format: Format?) {
        let level = env.optional("LOG_LEVEL", allowed: levelAllowed) { parseLevel($0) != nil }.flatMap(parseLevel)
        let format = env.optional("LOG_FORMAT", allowed: "json or text") { Format(rawValue: $0.lowercased()) != nil }
            .flatMap { Format(rawValue: $0.lowercased()) }
        return (level, format)
    }

    static func parseLevel(_ text: String) -> Logger.Level? {
        switch text.lowercased() {
        case "warn": .warning
        default: Logger.Level(rawValue: text.lowercased())
        }
    }
}
