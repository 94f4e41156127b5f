import Foundation
import LambdaRuntime
import Testing

@Suite struct DeadlineTests {
    @Test func convertsBetweenMillisecondsDatesAndDurations() {
        let now = Date(timeIntervalSince1970: 1_795_000_000.123)
        let deadline = InvocationDeadline.after(.milliseconds(2_500), from: now)
        #expect(deadline.millisecondsSinceEpoch == 1_795_000_002_623)
        #expect(deadline.remaining(now: now) == .milliseconds(2_500))
        #expect(deadline.remaining(now: now.addingTimeInterval(3)) == .milliseconds(-500))
        #expect(!deadline.hasPassed(now: now))
        #expect(deadline.hasPassed(now: now.addingTimeInterval(2.5)))
        #expect(abs(deadline.date.timeIntervalSince1970 - 1_795_000_002.623) < 0.000_5)
        #expect(InvocationDeadline(deadline.date) == deadline)
        #expect(InvocationDeadline(millisecondsSinceEpoch: 1) < InvocationDeadline(millisecondsSinceEpoch: 2))
    }
}
