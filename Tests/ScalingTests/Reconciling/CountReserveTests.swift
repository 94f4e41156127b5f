import Testing
@testable import Scaling

/// The count reserve against the Lambda timeouts the Terraform module accepts
/// (`lambda_timeout_seconds`, 30 to 900 s: infra/variables.tf). A fixed 60 s reserve left a
/// 30 to 60 s run no time to count, so it never scaled.
@Suite struct CountReserveTests {
    @Test func theModulesShortestTimeoutStillLeavesThreeQuartersForTheCount() {
        let reserve = ReconcilerOptions.countReserve(forRunSeconds: 30)
        #expect(reserve == 7.5)
        #expect(30 - reserve >= 22.5)
    }

    @Test func everyAcceptedTimeoutLeavesTimeToCountAndToAct() {
        for timeout in stride(from: 30.0, through: 900, by: 1) {
            let reserve = ReconcilerOptions.countReserve(forRunSeconds: timeout)
            #expect(reserve > 0 && reserve < timeout, "timeout \(timeout)")
            #expect(timeout - reserve >= timeout * 0.75, "timeout \(timeout)")
        }
    }

    @Test func theReserveStopsGrowingAtOneMinute() {
        #expect(ReconcilerOptions.countReserve(forRunSeconds: 239) < 60)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: 240) == 60)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: 900) == 60)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: 0) == 0)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: -5) == 0)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: .infinity) == 60)
        #expect(ReconcilerOptions.countReserve(forRunSeconds: .nan) == 0)
    }
}
