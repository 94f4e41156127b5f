import Foundation
import Testing
import TestSupport

/// `efs-autoscaler doctor` as a user runs it: the built binary, a process environment, stdout
/// and the exit status. The binary sits next to the test bundle (`swift build --build-tests`
/// builds both); if it is missing the test fails and says how to build it.
@Suite(.serialized) struct DoctorBinaryMotoTests {
    static func binary() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        let url = directory.appendingPathComponent("efs-autoscaler")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw MotoServerError("efs-autoscaler is not built at \(url.path); run `swift build --build-tests`")
        }
        return url
    }

    static func runDoctor(_ environment: [String: String], json: Bool) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["doctor"] + (json ? ["--json"] : [])
        process.environment = environment.merging(["PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
                                                   "TARGET_DIRECTORY": NSTemporaryDirectory()]) { a, _ in a }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func passesOnTheSeededScenarioAndNeverPrintsTheSecret() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let (status, text) = try Self.runDoctor(scenario.environment(), json: false)
            #expect(status == 0, "\(text)")
            #expect(text.contains("region: us-east-1"))
            #expect(text.contains("endpoint efs: \(moto.endpoint)"))
            #expect(text.contains("credentials: environment (access key \(scenario.accessKeyId))"))
            // The configuration, the target directory and the seven steps of the run's preflight.
            #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("OK ") }.count == 9, "\(text)")
            #expect(!text.contains(scenario.secretAccessKey))

            let (jsonStatus, json) = try Self.runDoctor(scenario.environment(), json: true)
            #expect(jsonStatus == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["passed"] as? Bool == true)
            #expect(object["credentialsSource"] as? String == "environment")
            #expect(object["accessKeyID"] as? String == scenario.accessKeyId)
            #expect((object["checks"] as? [[String: Any]])?.count == 9)
            #expect(!json.contains(scenario.secretAccessKey))
        }
    }

    @Test func exitsNonZeroWithTheCodeWhenAPermissionIsMissing() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, actions: Scenario.autoscalerActions.filter { $0 != "ssm:GetParameter" })
            let (status, json) = try Self.runDoctor(scenario.environment(), json: true)
            #expect(status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let failed = (object["checks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
            // Both SSM documents are read with GetParameter.
            #expect(failed.map { $0["action"] as? String } == ["state document", "mount-target list"])
            #expect(failed.allSatisfy { $0["code"] as? String == "AccessDeniedException" || $0["code"] as? String == "AccessDenied" }, "\(failed)")
        }
    }
}
