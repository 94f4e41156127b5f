import Foundation
import Testing
@testable import Scaling

/// The state the scale-out keeps: AZ backoff, the last forced deployment, the deployment backoff
/// and a pending scale-out's `available_at`, through the document and the event fold.
@Suite struct ScaleOutStateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func newFieldsRoundTripAndAnEmptyBackoffIsLeftOut() throws {
        let plain = try StateDocument().encode(parameter: "p")
        #expect(!plain.contains("az_backoff") && !plain.contains("last_deployment"))
        var state = StateDocument(pending: PendingOperation(kind: .scaleOut, availabilityZone: "us-east-1b", subnetId: "subnet-0b1",
                                                            startedAt: now))
        state.pending?.availableAt = now.addingTimeInterval(40)
        state.azBackoff["us-east-1c"] = AZBackoff(failures: 2, failedAt: now, until: now.addingTimeInterval(600),
                                                  lastError: "NoFreeAddressesInSubnet: no free IP")
        state.lastDeployment = ForcedDeployment(id: "ecs-svc/9", forcedAt: now, subnets: ["subnet-0a1"], scaleOutAvailabilityZone: "us-east-1b")
        state.deploymentBackoff = DeploymentBackoff(deploymentId: "ecs-svc/8", forcedAt: now.addingTimeInterval(-900), failures: 1,
                                                    until: now.addingTimeInterval(300), reason: "deployment ecs-svc/8 failed")
        let text = try state.encode(parameter: "p")
        #expect(text.contains("\"az_backoff\":{\"us-east-1c\":{\"failed_at\""))
        #expect(text.contains("\"available_at\"") && text.contains("\"scale_out_az\":\"us-east-1b\""))
        #expect(try StateDocument.decode(text, parameter: "p") == state)
    }

    @Test func aForcedDeploymentReplayedOntoALaterCopyKeepsWhatItRecorded() {
        // The session replays its events onto every document the plan writes, including copies
        // made before the event (whose pending scale-out is already gone).
        let event = RunEvent.serviceUpdated(deploymentId: "ecs-svc/2", subnets: ["subnet-0a1", "subnet-0c1"],
                                            scaleOutAvailabilityZone: "us-east-1c", at: now)
        let planned = StateDocument(lastActionCompletedAt: now)
        let replayed = planned.folding(event)
        #expect(replayed.lastDeployment == ForcedDeployment(id: "ecs-svc/2", forcedAt: now, subnets: ["subnet-0a1", "subnet-0c1"],
                                                             scaleOutAvailabilityZone: "us-east-1c"))
        #expect(replayed.folding(event) == replayed)
        // A completion recorded by a later run is not undone by an older event.
        var completed = replayed
        completed.lastDeployment?.completedAt = now.addingTimeInterval(60)
        #expect(completed.folding(event) == completed)
    }
}
