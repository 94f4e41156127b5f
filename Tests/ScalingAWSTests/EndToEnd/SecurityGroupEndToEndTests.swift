import Foundation
import Scaling
import Testing
import TestSupport

/// A wrong `SECURITY_GROUP_ID` used to surface only when the first scale-out called
/// `CreateMountTarget`; now the preflight asks EC2 (through the adapter's one-id-at-a-time
/// fallback, since EC2 fails a whole lookup for one unknown id) and stops before any write.
@Suite(.serialized) struct SecurityGroupEndToEndTests {
    @Test func anUnknownGroupIsNamedAndNothingIsWrittenThenTheRealGroupScalesOut() async throws {
        try await MotoServer.exclusive { moto in
            let world = try await EndToEndWorld.seed(on: moto)
            let real = try #require(world.scenario.securityGroupId)
            let before = try await world.world()
            let bad = try await world.run(files: 50_000, ["SECURITY_GROUP_ID": "\(real),sg-0123456789abcdef0"])
            let error = try #require(bad.report.error)
            #expect(error.contains("SECURITY_GROUP_ID") && error.contains("not found: sg-0123456789abcdef0"), "\(error)")
            #expect(!error.contains("not found: \(real)"), "the group that exists is not blamed: \(error)")
            #expect(bad.requests.mutations == [], "no mutating call at all, not even the lease")
            #expect(try await world.world().mountTargets == before.mountTargets)

            let good = try await world.run(files: 50_000)
            #expect(good.report.error == nil, "\(good.report.error ?? "")")
            #expect(good.requests.count("CreateMountTarget") == 1)
        }
    }
}
