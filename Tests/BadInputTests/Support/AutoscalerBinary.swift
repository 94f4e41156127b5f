import Foundation
import Testing

/// `efs-autoscaler invoke` run as a child process, the way a user (or the Lambda bootstrap)
/// meets bad input: exit status, standard output (the report) and standard error (the error).
///
/// The binary is the one `swift build` put next to the test bundle.
struct AutoscalerBinary {
    let url: URL

    init() throws {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        url = directory.appendingPathComponent("efs-autoscaler")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "build the executable first (swift build): \(url.path)")
    }

    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Both streams: the error is on stderr, a failed run's report (with its `error`) on stdout.
        var text: String { stderr + "\n" + stdout }
    }

    /// Runs `invoke --event -` with `event` on standard input and exactly `environment` (nothing
    /// of the host's AWS settings leaks in). Killed after `limit`.
    func invoke(event: [UInt8], environment: [String: String], limit: Duration = .seconds(30)) async throws -> Outcome {
        let started = ContinuousClock.now
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let eventURL = directory.appendingPathComponent("event")
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        try Data(event).write(to: eventURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = url
        process.arguments = ["invoke", "--event", "-"]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path].merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: eventURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let end = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(5))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        return Outcome(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
