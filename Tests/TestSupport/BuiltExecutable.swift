import Foundation

/// The `efs-autoscaler` executable that `swift build --build-tests` puts next to the test
/// bundle, run as a user (or Lambda) runs it: argv, a process environment, stdin, stdout,
/// stderr and the exit status. If it is missing, `init` throws and says how to build it.
public struct BuiltExecutable: Sendable {
    public let url: URL

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Looks next to the running test bundle (`/proc/self/exe`), then next to argv[0].
    public init(name: String = "efs-autoscaler") throws {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ].map { directory -> URL in
            let directory = directory.lastPathComponent.hasSuffix(".xctest") ? directory.deletingLastPathComponent() : directory
            return directory.appendingPathComponent(name)
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MotoServerError("\(name) is not built (looked at \(candidates.map(\.path))); run `swift build --build-tests`")
        }
        url = found
    }

    /// A minimal environment: nothing of the test host's AWS, proxy or logging settings leaks in.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()].merging(extra) { _, new in new }
    }

    /// Runs to completion without blocking the concurrency pool; kills the process after `limit`
    /// and throws then.
    /// - Parameter launcher: a command that runs the binary, e.g. `Unprivileged.launcher` to run it
    ///   as `nobody`; empty runs it directly.
    public func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    limit: Duration = .seconds(60), launcher: [String] = []) async throws -> Output {
        let process = Process()
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(launcher.dropFirst()) + [url.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        process.environment = Self.environment(environment)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let out = OutputBuffer(limit: nil)
        let err = OutputBuffer(limit: nil)
        stdout.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            if let stdin {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }
            let pid = process.processIdentifier
            Task.detached {
                try? await Task.sleep(for: limit)
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        out.append(stdout.fileHandleForReading.readDataToEndOfFile())
        err.append(stderr.fileHandleForReading.readDataToEndOfFile())
        if process.terminationReason == .uncaughtSignal && status == SIGKILL {
            throw MotoServerError("\(url.lastPathComponent) \(arguments.joined(separator: " ")) ran longer than \(limit); stderr: \(err.text)")
        }
        return Output(status: status, stdout: out.text, stderr: err.text)
    }
}
