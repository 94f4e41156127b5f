import Foundation
import Testing
import TestSupport

/// Every face of the binary, run as a child process with exactly the environment given: the
/// reconcile faces (`plan`, `invoke`, `worker`, `lambda` against a local Runtime API), `doctor`,
/// `count` and `route`. Each run says whether the face accepted the environment and what it
/// printed (for `lambda`, what it posted to the Runtime API too).
enum Face: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case plan, invoke, worker, lambda, doctor, count, route

    var testDescription: String { rawValue }

    /// The variables of the contract a face reads. The reconcile faces and `doctor` read all of
    /// them; `count DIR` reads the counter's and the logging settings; `route --list FILE` only
    /// the logging settings.
    func reads(_ variable: String) -> Bool {
        switch self {
        case .plan, .invoke, .worker, .lambda, .doctor: true
        case .count: ["LOG_LEVEL", "LOG_FORMAT", "COUNT_CONCURRENCY", "COUNT_RECURSIVE"].contains(variable)
        case .route: ["LOG_LEVEL", "LOG_FORMAT"].contains(variable)
        }
    }

    struct Outcome: Sendable {
        var accepted: Bool
        /// Standard error, standard output and, for `lambda`, the Runtime API reports.
        var text: String
    }

    /// Runs the face once. `directory` is what `count` counts; `list` is the document `route` reads.
    func run(_ binary: BuiltExecutable, environment: [String: String], directory: String, list: URL) async throws -> Outcome {
        switch self {
        case .plan, .invoke, .doctor, .count, .route:
            let arguments: [String] = switch self {
            case .plan: ["plan"]
            case .invoke: ["invoke"]
            case .doctor: ["doctor"]
            case .count: ["count", directory]
            default: ["route", "/data/file", "--list", list.path]
            }
            let output = try await binary.run(arguments, environment: environment)
            return Outcome(accepted: output.status == 0, text: output.stderr + "\n" + output.stdout)
        case .lambda:
            let api = try LocalRuntimeAPI([.init(requestId: "faces", deadline: .after(.seconds(120)))])
            var environment = environment
            environment["AWS_LAMBDA_RUNTIME_API"] = api.endpoint
            // The runtime exits once the test's Runtime API has no more invocations.
            let output = try await binary.run(["lambda"], environment: environment)
            let reports = api.reports
            var accepted = false
            var posted: [String] = []
            for report in reports {
                switch report {
                case .response(_, let body):
                    accepted = true
                    posted.append(String(decoding: body, as: UTF8.self))
                case .error(_, let type, let message), .initError(let type, let message):
                    posted.append("\(type): \(message)")
                }
            }
            #expect(api.violations == [], "lambda: Runtime API violations \(api.violations)")
            return Outcome(accepted: accepted && reports.count == 1,
                           text: output.stderr + "\n" + output.stdout + "\n" + posted.joined(separator: "\n"))
        case .worker:
            return try await Self.worker(binary, environment: environment)
        }
    }

    /// `worker`: started, stopped with SIGTERM once its first run has ended (or at once if it
    /// exits by itself, as on a bad configuration). Accepted when the run succeeded and the
    /// worker exited 0.
    private static func worker(_ binary: BuiltExecutable, environment: [String: String]) async throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("faces-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary.url
        process.arguments = ["worker", "--interval", "1h"]
        process.environment = BuiltExecutable.environment(environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        let end = ContinuousClock.now + .seconds(60)
        // Every run, failed or not, ends with one embedded-metrics line on standard output.
        while process.isRunning, ContinuousClock.now < end, !read(outURL).contains("\"_aws\"") {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let stop = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < stop { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = read(errURL), stdout = read(outURL)
        let ran = stdout.contains("\"_aws\"")
        return Outcome(accepted: process.terminationStatus == 0 && ran && !stderr.contains("run failed"),
                       text: stderr + "\n" + stdout)
    }
}
