import Foundation
import Scaling
import Testing
import TestSupport

/// One environment contract for every face (issue 14 §1): `plan`, `invoke`, `worker`, `lambda`,
/// `doctor`, `count` and `route` accept the documented spellings (`warn`, padded values, blank
/// optionals), and reject every bad value of the corpus (`Corpus/environment`) with the same
/// message. A face that does not read a variable (`count` does not read `VPC_ID`) ignores it.
@Suite(.serialized)
struct EnvironmentFacesTests {
    /// Documented spellings, all at once over a valid deployment: each face must accept them.
    /// `DRY_RUN` keeps the reconcile faces from changing the world, so every run starts alike.
    static let spellings: [String: String] = [
        "LOG_LEVEL": "warn", "LOG_FORMAT": " text ", "COUNT_CONCURRENCY": " 8", "COUNT_RECURSIVE": " Yes ",
        "DRY_RUN": " true ", "SCALE_IN_THRESHOLD": "", "MAX_MOUNT_TARGETS": " ", "FILES_PER_MOUNT_TARGET": "",
        "STATE_PARAMETER_NAME": "", "DRAIN_TIMEOUT_SECONDS": " 900 ", "MIN_MOUNT_TARGETS": "1 ",
    ]

    @Test func everyFaceAcceptsTheDocumentedSpellings() async throws {
        let binary = try BuiltExecutable()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            let list = try Self.listFile()
            defer { try? FileManager.default.removeItem(at: list) }
            let environment = deployment.environment.merging(Self.spellings) { $1 }
            for face in Face.allCases {
                let outcome = try await face.run(binary, environment: environment, directory: deployment.targetDirectory.path, list: list)
                #expect(outcome.accepted, "\(face) refused the documented spellings:\n\(outcome.text)")
                #expect(!outcome.text.contains("LOG_LEVEL") && !outcome.text.contains("COUNT_CONCURRENCY"),
                        "\(face): \(outcome.text)")
            }
            // Each documented LOG_LEVEL spelling, on the faces that start fastest.
            for level in ["warn", "WARN", " warning ", "Notice", ""] {
                for face in [Face.plan, .count, .route] {
                    let outcome = try await face.run(binary, environment: environment.merging(["LOG_LEVEL": level]) { $1 },
                                                     directory: deployment.targetDirectory.path, list: list)
                    #expect(outcome.accepted, "\(face) refused LOG_LEVEL=\"\(level)\":\n\(outcome.text)")
                }
            }
            #expect(MutatingCall.found(in: try await moto.requestLog()).allSatisfy { $0.hasPrefix("PutParameter") },
                    "dry runs changed the world")
        }
    }

    /// Every environment case of the corpus, on every face. A face that reads one of the case's
    /// variables refuses it and says what the corpus expects; when the contract alone refuses the
    /// value (no AWS answer needed), every such face prints exactly the parser's problem lines.
    /// A face that reads none of them accepts the environment.
    @Test func everyFaceRejectsTheCorpusWithTheSameMessage() async throws {
        let cases = try Corpus.cases(EnvironmentCorpusTests.category)
        let binary = try BuiltExecutable()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            let list = try Self.listFile()
            defer { try? FileManager.default.removeItem(at: list) }
            let placeholders = deployment.placeholders
            for item in cases {
                var environment = deployment.environment
                for (name, value) in item.set ?? [:] { environment[name] = Corpus.substitute(value, placeholders) }
                for name in item.unset ?? [] { environment[name] = nil }
                let variables = Array((item.set ?? [:]).keys) + (item.unset ?? [])
                // What the parser says on its own, when it refuses the environment without AWS.
                let problems: [String]
                do throws(ConfigurationError) {
                    _ = try Configuration.parse(environment)
                    problems = []
                } catch {
                    problems = error.problems.map(\.description)
                }
                for face in Face.allCases {
                    let outcome = try await face.run(binary, environment: environment, directory: deployment.targetDirectory.path, list: list)
                    let label = "\(item.testDescription) on \(face)"
                    #expect(!outcome.text.contains("Fatal error"), "\(label): crashed\n\(outcome.text)")
                    guard variables.contains(where: face.reads) else {
                        #expect(outcome.accepted, "\(label): refused a variable it does not read\n\(outcome.text)")
                        continue
                    }
                    #expect(!outcome.accepted, "\(label): accepted\n\(outcome.text)")
                    for fragment in item.expect.map({ Corpus.substitute($0, placeholders) }) {
                        #expect(outcome.text.contains(fragment), "\(label): does not mention \(fragment)\n\(outcome.text)")
                    }
                    for problem in problems where variables.contains(where: { problem.hasPrefix($0) }) {
                        #expect(outcome.text.contains(problem), "\(label): does not say \(problem)\n\(outcome.text)")
                    }
                }
            }
            #expect(MutatingCall.found(in: try await moto.requestLog()).filter { !$0.hasPrefix("PutParameter") } == [],
                    "a bad environment changed the world")
        }
    }

    /// A published list for `route --list`.
    static func listFile() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("faces-list-\(UUID().uuidString).json")
        let target = MountTarget(id: "fsmt-0a", availabilityZoneName: "ap-northeast-1a", subnetId: "subnet-0a1",
                                 ipAddress: "10.0.1.10", lifeCycleState: .available)
        try Data(MountTargetList(mountTargets: [target]).encode(parameter: "faces").utf8).write(to: url)
        return url
    }
}
