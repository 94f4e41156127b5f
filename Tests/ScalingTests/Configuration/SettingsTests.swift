import FileCounter
import Logging
import Testing
@testable import Scaling

/// The slices of the environment contract (`Settings`): each parsed by the one reader, alone or
/// with the whole contract, with the same answer and the same message either way. The count
/// cases were `CountEnvironmentTests` (FileCounter's own reader, now gone).
@Suite struct SettingsTests {
    static let valid = [
        "TARGET_DIRECTORY": "/mnt/efs", "EFS_FILE_SYSTEM_ID": "fs-0123abcd", "VPC_ID": "vpc-0a1b2c3d",
        "SSM_PARAMETER_NAME": "/efs/list", "SECURITY_GROUP_ID": "sg-0a1b",
    ]

    @Test func countDefaultsWhenUnsetOrBlank() throws {
        #expect(try CountSettings.parse([:]) == CountSettings.parse(["COUNT_CONCURRENCY": "", "COUNT_RECURSIVE": " "]))
        let defaults = try CountSettings.parse([:])
        #expect(defaults.concurrency == CountOptions.defaultConcurrency)
        #expect(defaults.recursive)
        #expect(Configuration.defaultCountConcurrency == CountOptions.defaultConcurrency)
        #expect(CountSettings.concurrencyRange.upperBound == CountOptions.maximumConcurrency)
    }

    @Test func countReadsBothVariablesPaddedOrNot() throws {
        let settings = try CountSettings.parse(["COUNT_CONCURRENCY": "7", "COUNT_RECURSIVE": "False"])
        #expect(settings.concurrency == 7)
        #expect(!settings.recursive)
        #expect(try CountSettings.parse(["COUNT_RECURSIVE": "1"]).recursive)
        // The bug: one reader trimmed " 8", the other refused it.
        #expect(try CountSettings.parse(["COUNT_CONCURRENCY": " 8"]).concurrency == 8)
        #expect(try Settings.parse(Self.valid.merging(["COUNT_CONCURRENCY": " 8"]) { $1 }).count.concurrency == 8)
        #expect(try CountSettings.parse(["COUNT_CONCURRENCY": "9"]).options.concurrency == 9)
    }

    @Test(arguments: ["0", "-3", "lots", "2000", "8 8"])
    func badConcurrencyNamesTheVariableTheSameWayEverywhere(raw: String) throws {
        let alone = #expect(throws: ConfigurationError.self) { try CountSettings.parse(["COUNT_CONCURRENCY": raw]) }
        #expect(alone?.variables == ["COUNT_CONCURRENCY"])
        #expect(alone?.problems.first?.description.contains("\"\(raw)\"") == true)
        let whole = #expect(throws: ConfigurationError.self) { try Settings.parse(Self.valid.merging(["COUNT_CONCURRENCY": raw]) { $1 }) }
        #expect(whole?.problems == alone?.problems)
    }

    @Test func badRecursiveNamesTheVariable() {
        let error = #expect(throws: ConfigurationError.self) { try CountSettings.parse(["COUNT_RECURSIVE": "sometimes"]) }
        #expect(error?.problems.first?.description == #"COUNT_RECURSIVE="sometimes" is invalid: expected true or false (also 1/0, yes/no)"#)
    }

    @Test func aConcurrencyFlagIsCheckedAgainstTheSameRange() throws {
        #expect(try CountSettings.concurrency(flag: 1024) == 1024)
        let error = #expect(throws: ConfigurationError.self) { try CountSettings.concurrency(flag: 0) }
        #expect(error?.problems.first?.description == #"--concurrency="0" is invalid: expected an integer from 1 to 1024"#)
    }

    @Test(arguments: [("warn", Logger.Level.warning), ("WARN", .warning), (" warning ", .warning), ("Debug", .debug),
                      ("", .info), ("critical", .critical)])
    func everyDocumentedLogLevelSpelling(text: String, level: Logger.Level) throws {
        #expect(try LoggingSettings.parse(["LOG_LEVEL": text]).level == level)
        #expect(try Settings.parse(Self.valid.merging(["LOG_LEVEL": text]) { $1 }).logging.level == level)
        #expect(try Settings.parseCounting(["LOG_LEVEL": text]).logging.level == level)
    }

    @Test func logFormatIsReadAndBadLoggingValuesAreProblemsLikeAnyOther() throws {
        #expect(try LoggingSettings.parse(["LOG_FORMAT": " JSON "]).format == .json)
        #expect(try LoggingSettings.parse([:]) == LoggingSettings(level: .info, format: nil))
        #expect(try Settings.parse(Self.valid.merging(["LOG_FORMAT": "text"]) { $1 }).logging.format == .text)
        let alone = #expect(throws: ConfigurationError.self) { try LoggingSettings.parse(["LOG_LEVEL": "verbose", "LOG_FORMAT": "xml"]) }
        #expect(alone?.variables == ["LOG_LEVEL", "LOG_FORMAT"])
        #expect(alone?.problems.first?.description.hasPrefix(#"LOG_LEVEL="verbose" is invalid: expected one of trace, debug, info"#) == true)
        let whole = #expect(throws: ConfigurationError.self) {
            try Settings.parse(Self.valid.merging(["LOG_LEVEL": "verbose", "LOG_FORMAT": "xml"]) { $1 })
        }
        #expect(whole?.problems == alone?.problems)
    }

    @Test func theSlicesOfTheWholeContractAreItsValues() throws {
        let settings = try Settings.parse(Self.valid.merging(["COUNT_RECURSIVE": "no", "LOG_LEVEL": "error", "FILE_COUNT_THRESHOLD": "5"]) { $1 })
        #expect(settings.count == CountSettings(concurrency: 64, recursive: false))
        #expect(settings.logging == LoggingSettings(level: .error, format: nil))
        #expect(settings.policy == settings.configuration.policy)
        #expect(settings.configuration.fileCountThreshold == 5)
    }

    @Test func routeReadsTheListParameterOnlyWhenItNeedsIt() throws {
        #expect(try Settings.parseRouting(["SSM_PARAMETER_NAME": " /efs/list "], readingListParameter: true).listParameterName == "/efs/list")
        #expect(try Settings.parseRouting(["SSM_PARAMETER_NAME": "/aws/x"], readingListParameter: false).listParameterName == nil)
        let error = #expect(throws: ConfigurationError.self) { try Settings.parseRouting(["SSM_PARAMETER_NAME": "/aws/x"], readingListParameter: true) }
        #expect(error?.variables == ["SSM_PARAMETER_NAME"])
    }
}
