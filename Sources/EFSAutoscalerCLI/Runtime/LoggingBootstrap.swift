import LambdaRuntime
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses how the process logs, from `LOG_LEVEL` and `LOG_FORMAT` (DESIGN.md §6). Only the
/// executable does this; libraries receive the resulting `Logger`.
enum LoggingBootstrap {
    static let environmentHelp = """
      LOG_LEVEL    trace|debug|info|notice|warning|error|critical (default: info)
      LOG_FORMAT   json|text (default: json unless standard error is a terminal)
    """

    /// - Throws: `CommandFailure` naming the variable and the allowed values; nothing is
    ///   bootstrapped then.
    static func bootstrap(environment: [String: String], label: String = "efs-autoscaler") throws -> Logger {
        let levelText = environment["LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw CommandFailure("LOG_LEVEL='\(levelText)': expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let formatText = environment["LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? (isatty(STDERR_FILENO) != 0 ? "text" : "json")
        switch formatText.lowercased() {
        case "json":
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case "text":
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        default:
            throw CommandFailure("LOG_FORMAT='\(formatText)': expected json or text")
        }
        return Logger(label: label)
    }

    /// JSON at `info`: what Lambda and ECS expect when the variables themselves are wrong.
    static func bootstrapDefault(label: String = "efs-autoscaler") -> Logger {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: .info) }
        return Logger(label: label)
    }
}
