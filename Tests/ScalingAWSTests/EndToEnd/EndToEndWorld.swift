import AWSCore
import AWSServices
import Foundation
import Logging
import Scaling
import ScalingTestSupport
import ScalingAWS
import Testing
import TestSupport

/// The reconciler as the binary builds it (the real `AWSClient` over libcurl, SigV4, the
/// ScalingAWS adapters, assembled by `AWSPorts`) against the moto emulator with signature checking on, seeded by
/// botocore and inspected by botocore (`Scenario.world()`), never by the code under test.
///
/// The seeded world: three zones (the first with two subnets), one mount target in the first
/// zone, the list published, the ECS service in the first zone only (converged, so a run below
/// the threshold has nothing to repair). Every run clears moto's request log first and returns
/// what it received, so a test can count the mutating calls one run made.
struct EndToEndWorld {
    let moto: MotoServer
    let scenario: Scenario
    /// The environment contract (DESIGN.md §6) every run starts from.
    var environment: [String: String]

    static let threshold = 1000

    struct Outcome {
        var report: RunReport
        var requests: [MotoRequestLogEntry]
        var stateName: String

        /// Mutating calls other than writes of the lock item (the lock, the state and the clocks
        /// live there): what changes the world clients see.
        var worldMutations: [String] { requests.mutations.filter { !$0.hasPrefix("UpdateItem") && !$0.hasPrefix("PutItem") } }
    }

    static func seed(on moto: MotoServer, region: String = "us-east-1", _ extra: [String: String] = [:],
                     oneZone: Bool = false) async throws -> EndToEndWorld {
        let scenario = try await Scenario.seed(on: moto, region: region, serviceInServedZoneOnly: true, oneZone: oneZone)
        var environment = scenario.environment()
        environment.merge([
            "TARGET_DIRECTORY": "/mnt/efs", "FILE_COUNT_THRESHOLD": String(threshold),
            "MANAGE_SERVICE_SUBNETS": "true", "COUNT_CACHE_TTL_SECONDS": "0",
            // moto's mount targets are available at once and its DNS is not what settles.
            "MOUNT_TARGET_SETTLE_SECONDS": "0",
        ]) { _, new in new }
        environment.merge(extra) { _, new in new }
        return EndToEndWorld(moto: moto, scenario: scenario, environment: environment)
    }

    var listName: String { scenario.parameterName! }
    var stateName: String { scenario.stateParameterName! }
    var zones: [String] { scenario.zones! }
    func subnets(in zone: String) -> [String] { scenario.subnetsByAz![zone]! }

    /// One run with a fixed count.
    func run(files: Int, _ extra: [String: String] = [:], budget: Double = 300) async throws -> Outcome {
        try await run(counter: FixedFileCount(.files(files), clock: SystemClock()), extra, budget: budget)
    }

    /// One run, as a Lambda invocation with `budget` seconds left would make it.
    func run(counter: any FileCountSource, _ extra: [String: String] = [:], budget: Double = 300) async throws -> Outcome {
        let environment = self.environment.merging(extra) { _, new in new }
        let configuration = try Configuration.parse(environment)
        let logger = Logger(label: "e2e") { _ in SwiftLogNoOpLogHandler() }
        let client = try AWSClient.fromEnvironment(environment, transport: CurlTransport(environment: [:]), logger: logger)
        // Wired by the same factory as the binary's `Autoscaler` (the lock store too, when LOCK_TABLE_NAME is set).
        let reconciler = AWSPorts(configuration: configuration, client: client).reconciler(
            configuration: configuration, counter: counter, logger: logger,
            options: ReconcilerOptions(runId: "e2e-\(UUID().uuidString.prefix(8))"))
        try await moto.clearRequestLog()
        let report = await reconciler.run(deadline: Date().addingTimeInterval(budget))
        let requests = try await moto.requestLog()
        // Moto checked every signature; all of them were the application user's.
        #expect(requests.allSatisfy { $0.accessKeyId == scenario.accessKeyId }, "\(requests.filter { $0.accessKeyId != scenario.accessKeyId })")
        return Outcome(report: report, requests: requests, stateName: stateName)
    }

    func world() async throws -> MotoWorld { try await scenario.world() }

    /// The list document as DESIGN.md §4 specifies it, built by hand from what EFS holds:
    /// compact, the original key order, sorted by AZ then id.
    static func expectedList(_ targets: [MotoWorld.MountTarget]) -> String {
        let entries = targets
            .sorted { ($0.availabilityZoneName ?? "", $0.mountTargetId) < ($1.availabilityZoneName ?? "", $1.mountTargetId) }
            .map { target in
                #"{"mount_target_id":"\#(target.mountTargetId)","ip_address":"\#(target.ipAddress ?? "")","#
                    + #""availability_zone":"\#(target.availabilityZoneName ?? "")","subnet_id":"\#(target.subnetId)"}"#
            }
        return #"{"mount_targets":["# + entries.joined(separator: ",") + "]}"
    }
}
