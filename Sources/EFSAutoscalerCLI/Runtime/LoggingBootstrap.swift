import LambdaRuntime
import Logging
import Scaling
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bootstraps how the process logs from the parsed `LoggingSettings` (`LOG_LEVEL`, `LOG_FORMAT`).
/// Only the executable does this; libraries receive the resulting `Logger`. The variables are
/// parsed with the rest of the contract (`Settings`), never here.
enum LoggingBootstrap {
    static let environmentHelp = """
      LOG_LEVEL    trace|debug|info|notice|warning (or warn)|error|critical (default: info)
      LOG_FORMAT   json|text (default: json unless standard error is a terminal)
    """

    static func bootstrap(_ settings: LoggingSettings, label: String = "efs-autoscaler") -> Logger {
        let level = settings.level
        switch settings.format ?? (isatty(STDERR_FILENO) != 0 ? .text : .json) {
        case .json:
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: label)
    }

    /// JSON at `info`: what Lambda and ECS expect when the variables themselves are wrong.
    static func bootstrapDefault(label: String = "efs-autoscaler") -> Logger {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: .info) }
        return Logger(label: label)
    }
}
