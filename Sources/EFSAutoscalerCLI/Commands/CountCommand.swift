import ArgumentParser
import FileCounter
import Scaling
import Glibc
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `efs-autoscaler count DIR`: the workload signal, by hand. Same counter, same defaults and same
/// environment variables as the Lambda and the worker.
struct CountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count regular files under a directory.",
        discussion: """
            Counts regular files like `find DIR -type f`: symlinks are never counted or followed; \
            FIFOs, sockets and devices are reported as skipped; unreadable directories are reported, \
            not fatal. On a terminal, progress is shown on stderr.

            Environment (used when the matching flag is absent):
              COUNT_CONCURRENCY  directories read at once, 1-\(CountSettings.concurrencyRange.upperBound) (default \(CountSettings.defaultConcurrency))
              COUNT_RECURSIVE    false to count the top level only (default true)
            \(LoggingBootstrap.environmentHelp)
            """)

    @Argument(help: "The directory to count.")
    var directory: String

    @Flag(help: "Print one JSON object (snake_case keys) instead of text.")
    var json = false

    @Option(help: "Directories read at once (overrides COUNT_CONCURRENCY).")
    var concurrency: Int?

    @Flag(inversion: .prefixedNo, help: "Descend into subdirectories (overrides COUNT_RECURSIVE).")
    var recursive: Bool?

    func run() async throws {
        // The same reader and rules as the Lambda and the worker, for the variables `count` reads.
        var (logging, settings): (LoggingSettings, CountSettings)
        do throws(ConfigurationError) {
            (logging, settings) = try Settings.parseCounting(ProcessInfo.processInfo.environment)
            if let concurrency { settings.concurrency = try CountSettings.concurrency(flag: concurrency) }
        } catch {
            throw CommandFailure(error)
        }
        if let recursive { settings.recursive = recursive }
        _ = LoggingBootstrap.bootstrap(logging)

        let progressLine: ProgressLine? = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        var options = settings.options
        if let progressLine {
            options.progress = { @Sendable progress in progressLine.show(progress) }
        }
        let result = try await FileCounter.count(root: directory, options: options)
        progressLine?.clear()

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(Self.text(result))
        }
    }

    static func text(_ result: CountResult) -> String {
        var lines = [
            "files: \(result.files)",
            "directories: \(result.directories)",
            "skipped: \(result.skipped) (symlinks \(result.symlinks), other \(result.otherEntries))",
            "unreadable directories: \(result.unreadableDirectories)",
        ]
        lines += result.unreadableExamples.map { "  \($0)" }
        lines.append("elapsed: \(result.elapsedMs) ms (\(Int(result.filesPerSecond)) files/s)")
        lines.append("complete: \(result.complete)")
        return lines.joined(separator: "\n")
    }
}

/// A single, rewritten status line on stderr.
private struct ProgressLine: Sendable {
    func show(_ progress: CountProgress) {
        write("\r\u{1B}[Kcounting: \(progress.files) files, \(progress.directories) directories, \(Int(progress.filesPerSecond)) files/s")
    }

    func clear() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}
