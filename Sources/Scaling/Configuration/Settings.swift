/// The environment contract (DESIGN.md §6) parsed once, at the composition root, into the typed
/// slices the parts of the program take: how to log, how to count, and the configuration the
/// reconciler runs with (its policy and the ids it acts on). Nothing below the composition root
/// reads the environment; `AWSClient.fromEnvironment` alone reads the standard `AWS_*`
/// variables, as the SDKs do.
///
/// A face that needs less than the whole contract parses only its slices (`count` the logging and
/// counting ones, `route` the logging one) with the same reader, so a value is accepted or refused
/// the same way, with the same message, whichever face reads it.
public struct Settings: Sendable, Hashable {
    public var logging: LoggingSettings
    public var count: CountSettings
    public var configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        logging = LoggingSettings(level: configuration.logLevel, format: configuration.logFormat)
        count = CountSettings(concurrency: configuration.countConcurrency, recursive: configuration.countRecursive)
    }

    /// The scaling policy.
    public var policy: Policy { configuration.policy }

    /// The whole contract: every problem at once, or the settings.
    public static func parse(_ environment: [String: String]) throws(ConfigurationError) -> Settings {
        Settings(try Configuration.parse(environment))
    }

    /// The logging and counting slices only (`efs-autoscaler count`), every problem at once.
    public static func parseCounting(_ environment: [String: String]) throws(ConfigurationError) -> (logging: LoggingSettings, count: CountSettings) {
        var env = EnvironmentReader(environment)
        // In `Configuration.parse`'s order, so the problems read the same.
        let (concurrency, recursive) = CountSettings.read(&env)
        let (level, format) = LoggingSettings.read(&env)
        guard env.problems.isEmpty else { throw ConfigurationError(problems: env.problems) }
        return (LoggingSettings(level: level ?? LoggingSettings.defaultLevel, format: format),
                CountSettings(concurrency: concurrency ?? CountSettings.defaultConcurrency, recursive: recursive ?? true))
    }

    /// The logging slice and, when the list is read from SSM, `SSM_PARAMETER_NAME` (`nil` when
    /// unset) for `efs-autoscaler route`, every problem at once.
    public static func parseRouting(_ environment: [String: String], readingListParameter: Bool)
        throws(ConfigurationError) -> (logging: LoggingSettings, listParameterName: String?) {
        var env = EnvironmentReader(environment)
        let (level, format) = LoggingSettings.read(&env)
        let name = !readingListParameter ? nil : env.optional("SSM_PARAMETER_NAME", allowed: ResourceIdentifier.parameterNameRule, valid: ResourceIdentifier.isParameterName)
        guard env.problems.isEmpty else { throw ConfigurationError(problems: env.problems) }
        return (LoggingSettings(level: level ?? LoggingSettings.defaultLevel, format: format), name)
    }
}
