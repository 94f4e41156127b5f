import Foundation
import TestSupport
import Testing

/// The `efs-autoscaler` executable that `swift build` puts next to the test bundle, run as a
/// child process: the only way to test argv[0] dispatch, exit statuses and signal delivery to a
/// real process.
struct BuiltBinary {
    let url: URL

    /// Found where TestSupport's `BuiltExecutable` finds it; this type adds a running handle
    /// (signals, polling output) and starting under another name.
    init() throws {
        url = try BuiltExecutable().url
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts the binary (optionally through a symlink with another name), stdout and stderr to
    /// files so a test can poll them while it runs.
    final class Running: @unchecked Sendable {
        let process = Process()
        let stdoutURL: URL
        let stderrURL: URL

        init(executable: URL, arguments: [String], environment: [String: String], stdin: Data?) throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("efs-autoscaler-binary-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            stdoutURL = directory.appendingPathComponent("stdout")
            stderrURL = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            process.executableURL = executable
            process.arguments = arguments
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            if let stdin {
                let pipe = Pipe()
                process.standardInput = pipe
                try process.run()
                pipe.fileHandleForWriting.write(stdin)
                try pipe.fileHandleForWriting.close()
            } else {
                process.standardInput = FileHandle.nullDevice
                try process.run()
            }
        }

        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
        var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }

        /// Waits for the exit without blocking the pool; kills the process after `limit`.
        func wait(atMost limit: Duration) async -> Output? {
            let end = ContinuousClock.now + limit
            while process.isRunning && ContinuousClock.now < end {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            process.waitUntilExit()
            return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
    }

    func start(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil, as name: String? = nil) throws -> Running {
        var executable = url
        if let name {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("efs-autoscaler-link-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            executable = directory.appendingPathComponent(name)
            try FileManager.default.createSymbolicLink(at: executable, withDestinationURL: url)
        }
        return try Running(executable: executable, arguments: arguments, environment: BuiltExecutable.environment(environment), stdin: stdin)
    }

    func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) async throws -> Output {
        try #require(await start(arguments, environment: environment, stdin: stdin).wait(atMost: .seconds(20)))
    }
}
