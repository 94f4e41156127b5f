import Foundation
import LambdaRuntime
import Testing
import TestSupport

/// The commands as a user (or Lambda, or ECS) starts them.
@Suite struct BinaryTests {
    static func jsonLines(_ text: String) -> [[String: Any]]? {
        let lines = text.split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        return objects.count == lines.count ? objects : nil
    }

    /// A valid configuration whose AWS endpoint refuses connections at once: the handler can be
    /// built (configuration is checked at init), and any AWS call fails fast and locally.
    static let configured: [String: String] = [
        "TARGET_DIRECTORY": "/nonexistent/efs", "EFS_FILE_SYSTEM_ID": "fs-0123abcd", "VPC_ID": "vpc-0123abcd",
        "SSM_PARAMETER_NAME": "/efs/mount-targets", "SECURITY_GROUP_ID": "sg-0123abcd",
        "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret", "AWS_MAX_ATTEMPTS": "1",
    ]

    static func configured(_ extra: [String: String]) -> [String: String] {
        configured.merging(extra) { _, new in new }
    }

    @Test func startedAsBootstrapItServesTheRuntimeAPIAndRejectsAMalformedEvent() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-bad", event: #"{"dry_run": "yes"}"#)])
        let running = try BuiltBinary().start([], environment: Self.configured(["AWS_LAMBDA_RUNTIME_API": api.endpoint]), as: "bootstrap")
        let output = try #require(await running.wait(atMost: .seconds(20)))
        #expect(api.reports == [.error(requestId: "req-bad", errorType: "InvalidEvent",
                                       errorMessage: "invalid event: field 'dry_run' must be true or false, got \"yes\"")])
        // The test server then answers `next` with 500: the runtime exits non-zero for Lambda to restart it.
        #expect(output.status == 1)
        #expect(api.violations == [])
        let logs = try #require(Self.jsonLines(output.stderr), "stderr is JSON lines: \(output.stderr)")
        #expect(logs.contains { $0["message"] as? String == "invocation failed" && $0["aws_request_id"] as? String == "req-bad" })
    }

    @Test func invalidLoggingConfigurationIsPostedAsAnInitError() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "never")])
        let output = try await BuiltBinary().run(["lambda"], environment: ["AWS_LAMBDA_RUNTIME_API": api.endpoint, "LOG_LEVEL": "loud"])
        #expect(output.status != 0)
        #expect(api.nextCalls == 0)
        guard case .initError(_, let message)? = api.reports.first, api.reports.count == 1 else {
            Issue.record("expected one init error, got \(api.reports)")
            return
        }
        // The contract's one message, with every other problem of the same environment.
        #expect(message.contains(#"LOG_LEVEL="loud" is invalid: expected one of trace, debug, info"#), "\(message)")
        #expect(api.violations == [])
    }

    @Test func theWorkerExitsZeroOnSIGTERM() async throws {
        let running = try BuiltBinary().start(["worker", "--interval", "60s"], environment: Self.configured(["LOG_FORMAT": "json"]))
        let end = ContinuousClock.now + .seconds(20)
        while !running.stderr.contains("\"run failed\"") && running.process.isRunning && ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(running.process.isRunning, "the worker died: \(running.stderr)")
        let sent = Date()
        kill(running.process.processIdentifier, SIGTERM)
        let output = try #require(await running.wait(atMost: .seconds(20)), "the worker ignored SIGTERM")
        #expect(output.status == 0)
        #expect(running.process.terminationReason == .exit)
        let records = try #require(Self.jsonLines(output.stderr))
        let messages = records.compactMap { $0["message"] as? String }
        #expect(messages.first == "worker started" && messages.last == "worker stopped", "\(messages)")
        #expect(messages.contains("run failed"), "the run against the refusing endpoint failed and was logged: \(messages)")
        // The worker's own clock, so a busy test process cannot inflate the reaction time.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let timestamp = try #require(records.last?["timestamp"] as? String)
        let stopped = try #require(formatter.date(from: timestamp))
        #expect(stopped.timeIntervalSince(sent) < 2)
    }

    @Test func theWorkerRejectsABadInterval() async throws {
        let output = try await BuiltBinary().run(["worker", "--interval", "5x"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--interval: invalid interval '5x'"))
    }

    static let list = """
    {"mount_targets":[
     {"mount_target_id":"fsmt-0aaa","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-a"},
     {"mount_target_id":"fsmt-0ccc","ip_address":"10.0.3.10","availability_zone":"ap-northeast-1c","subnet_id":"subnet-c"},
     {"mount_target_id":"fsmt-0ddd","ip_address":"10.0.4.10","availability_zone":"ap-northeast-1d","subnet_id":"subnet-d"}]}
    """

    /// The expected target comes from the documented weight, computed by Python's hashlib.
    static func pythonChoice(path: String, ids: [String]) throws -> [String] {
        let script = """
        import hashlib, sys
        path = sys.argv[1]
        def weight(i):
            b = i.encode(); return int.from_bytes(hashlib.sha256(len(b).to_bytes(4, "big") + b + path.encode()).digest()[:8], "big")
        print(" ".join(sorted(sys.argv[2:], key=weight, reverse=True)))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path] + ids
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    @Test(arguments: ["/data/projects/42/report.csv", "/", "/data/ファイル.txt"])
    func routePrintsTheRendezvousChoiceAsJSON(path: String) async throws {
        let output = try await BuiltBinary().run(["route", path, "--list", "-"], stdin: Data(Self.list.utf8))
        #expect(output.status == 0, "\(output.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let ranked = try Self.pythonChoice(path: path, ids: ["fsmt-0aaa", "fsmt-0ccc", "fsmt-0ddd"])
        #expect((result["mount_target"] as? [String: String])?["mount_target_id"] == ranked.first)
        #expect(result["fallbacks"] as? [String] == Array(ranked.dropFirst()))
        #expect(result["path"] as? String == path)
        #expect(result["preferred_availability_zone"] is NSNull)
    }

    @Test func routePrefersTheCallersZoneFromTheEnvironment() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("list-\(UUID().uuidString).json")
        try Data(Self.list.utf8).write(to: file)
        let output = try await BuiltBinary().run(["route", "/data/x", "--list", file.path, "--json"],
                                                 environment: ["AWS_AVAILABILITY_ZONE": "ap-northeast-1c"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((result["mount_target"] as? [String: String])?["ip_address"] == "10.0.3.10")
        #expect(result["preference_applied"] as? Bool == true)
        #expect(result["preferred_availability_zone"] as? String == "ap-northeast-1c")
    }

    @Test func routeNamesTheBrokenFieldAndFailsWithoutAList() async throws {
        let broken = try await BuiltBinary().run(["route", "/x", "--list", "-"], stdin: Data(#"{"mount_targets":[{"mount_target_id":"a"}]}"#.utf8))
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("invalid mount-target list in standard input: mount_targets[0].ip_address: missing"))
        let missing = try await BuiltBinary().run(["route", "/x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("pass --list FILE"))
    }

    @Test(arguments: [("route", "AWS_AVAILABILITY_ZONE"), ("lambda", "AWS_LAMBDA_RUNTIME_API"), ("worker", "LOG_FORMAT")])
    func helpListsTheEnvironmentVariables(command: String, variable: String) async throws {
        let output = try await BuiltBinary().run([command, "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("Environment:") && output.stdout.contains(variable))
        #expect(output.stdout.contains("LOG_LEVEL") || command == "route")
    }
}

extension BinaryTests {
    /// Lambda may start the binary under its own name with no arguments: the variable decides;
    /// any argument means a command line, even with the variable set.
    @Test func withTheRuntimeAPIVariableAndNoArgumentsItRunsTheLambdaLoop() async throws {
        let api = try LocalRuntimeAPI([.init(requestId: "req-1", event: "[]")])
        let output = try await BuiltBinary().run([], environment: Self.configured(["AWS_LAMBDA_RUNTIME_API": api.endpoint]))
        #expect(output.status == 1)
        #expect(api.nextCalls == 2)
        #expect(api.reports.count == 1)
        let help = try await BuiltBinary().run(["--help"], environment: ["AWS_LAMBDA_RUNTIME_API": api.endpoint])
        #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS"))
        #expect(api.nextCalls == 2)
    }
}
