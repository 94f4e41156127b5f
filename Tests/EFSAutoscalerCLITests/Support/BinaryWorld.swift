import Foundation
import Testing
import TestSupport

/// A seeded emulator plus a real file tree, and the built binary pointed at both through its
/// environment contract, as an operator would run it. The service starts in the zone that has
/// the mount target (converged); the tree holds `files` files (the threshold is 1000).
struct BinaryWorld {
    let moto: MotoServer
    let scenario: Scenario
    let tree: FileTree
    var environment: [String: String]
    let binary: BuiltExecutable

    static let threshold = 1000

    static func seed(on moto: MotoServer, files: Int, _ extra: [String: String] = [:]) async throws -> BinaryWorld {
        let binary = try BuiltExecutable()
        let scenario = try await Scenario.seed(on: moto, serviceInServedZoneOnly: true)
        let tree = try FileTree(prefix: "cli-e2e")
        try tree.directory("data")
        try tree.files(count: files, in: "data")
        var environment = scenario.environment()
        environment.merge([
            "TARGET_DIRECTORY": tree.root, "FILE_COUNT_THRESHOLD": String(threshold),
            "MANAGE_SERVICE_SUBNETS": "true", "COUNT_CACHE_TTL_SECONDS": "0", "LOG_FORMAT": "json",
        ]) { _, new in new }
        environment.merge(extra) { _, new in new }
        return BinaryWorld(moto: moto, scenario: scenario, tree: tree, environment: environment, binary: binary)
    }

    var listName: String { scenario.parameterName! }
    var stateName: String { scenario.stateParameterName! }

    /// Runs the binary with the world's environment (plus `extra`) after clearing moto's request
    /// log; returns the output and the AWS requests the run made.
    func run(_ arguments: [String], _ extra: [String: String] = [:], stdin: Data? = nil) async throws
        -> (output: BuiltExecutable.Output, requests: [MotoRequestLogEntry]) {
        try await moto.clearRequestLog()
        let output = try await binary.run(arguments, environment: environment.merging(extra) { _, new in new }, stdin: stdin)
        return (output, try await moto.requestLog())
    }

    func world() async throws -> MotoWorld { try await scenario.world() }
}

/// The one JSON object a command printed on stdout.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                 "stdout is one JSON object: \(text)", sourceLocation: sourceLocation)
}
