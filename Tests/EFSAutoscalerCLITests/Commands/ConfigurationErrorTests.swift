import Foundation
import Testing
import TestSupport

/// `invoke` with a bad environment: the error names the variable and the value, the exit status
/// is non-zero and nothing is changed. Variables that can be checked alone are checked before
/// any AWS call; subnet membership needs DescribeSubnets, and nothing after it.
@Suite(.serialized) struct ConfigurationErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var environment: @Sendable (BinaryWorld) -> [String: String]
        /// Texts the error must contain.
        var mentions: @Sendable (BinaryWorld) -> [String]
        /// Whether the configuration can be rejected before any AWS call.
        var offline: Bool
    }

    static let cases: [Case] = [
        Case(description: "a threshold that is not a number",
             environment: { _ in ["FILE_COUNT_THRESHOLD": "abc"] },
             mentions: { _ in ["FILE_COUNT_THRESHOLD", "abc"] }, offline: true),
        Case(description: "MIN above MAX",
             environment: { _ in ["MIN_MOUNT_TARGETS": "3", "MAX_MOUNT_TARGETS": "2"] },
             mentions: { _ in ["MIN_MOUNT_TARGETS", "MAX_MOUNT_TARGETS", "3", "2"] }, offline: true),
        Case(description: "an unknown subnet",
             environment: { world in ["SUBNET_IDS": "\(world.scenario.serviceSubnetIds![0]),subnet-0000beef"] },
             mentions: { _ in ["SUBNET_IDS", "subnet-0000beef"] }, offline: false),
        Case(description: "a subnet outside VPC_ID",
             environment: { world in ["VPC_ID": "vpc-0123abcd", "SUBNET_IDS": world.scenario.serviceSubnetIds![0]] },
             mentions: { world in ["SUBNET_IDS", world.scenario.serviceSubnetIds![0], "vpc-0123abcd"] }, offline: false),
    ]

    @Test func eachBadVariableIsNamedWithItsValueAndNothingChanges() async throws {
        try await MotoServer.exclusive { moto in
            // Far above the threshold: with a valid configuration this would scale out.
            let world = try await BinaryWorld.seed(on: moto, files: 1500)
            defer { world.tree.remove() }
            let before = try await world.world()
            for bad in Self.cases {
                let (output, requests) = try await world.run(["invoke"], bad.environment(world))
                #expect(output.status != 0, "\(bad)")
                let said = output.stderr + output.stdout
                for text in bad.mentions(world) {
                    #expect(said.contains(text), "\(bad): the error mentions \(text): \(said)")
                }
                #expect(requests.mutations == [], "\(bad)")
                if bad.offline { #expect(requests == [], "\(bad): rejected before any AWS call") }
            }
            let after = try await world.world()
            #expect(after.mountTargets == before.mountTargets)
            #expect(after.parameters == before.parameters)
        }
    }
}
