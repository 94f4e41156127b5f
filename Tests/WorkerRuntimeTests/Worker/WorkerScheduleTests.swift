import WorkerRuntime
import Testing

@Suite struct WorkerScheduleTests {
    @Test(arguments: [("300", 300_000), ("300s", 300_000), ("5m", 300_000), ("1h", 3_600_000), ("0.5s", 500), ("1.5m", 90_000)])
    func parsesIntervals(text: String, milliseconds: Int64) throws {
        #expect(try WorkerSchedule.parseInterval(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "0", "-5", "5x", "m", "5 m", "ten", "+5", "inf", "nan", "5ms"])
    func rejectsMalformedIntervals(text: String) {
        let error = #expect(throws: WorkerIntervalError.self) { try WorkerSchedule.parseInterval(text) }
        #expect(error?.description.contains("'\(text)'") == true)
    }

    @Test func theDelayStaysWithinTheJitterBounds() {
        let schedule = WorkerSchedule(interval: .seconds(300), jitter: 0.1)
        #expect(schedule.delay(unit: 0) == .seconds(270))
        #expect(schedule.delay(unit: 0.5) == .seconds(300))
        #expect(schedule.delay(unit: 1.0.nextDown) <= .seconds(330))
        #expect(schedule.delay(unit: 1.0.nextDown) >= .milliseconds(329_999))
        var generator = SystemRandomNumberGenerator()
        var seen: Set<Int64> = []
        for _ in 0..<2_000 {
            let delay = schedule.delay(unit: Double.random(in: 0..<1, using: &generator))
            #expect(delay >= .seconds(270) && delay <= .seconds(330))
            seen.insert(delay.components.seconds)
        }
        // Jitter really spreads: the 60 one-second buckets are nearly all hit.
        #expect(seen.count > 50)
        let random = (0..<200).map { _ in schedule.randomDelay() }
        #expect(random.allSatisfy { $0 >= .seconds(270) && $0 <= .seconds(330) })
    }

    @Test func jitterIsClampedAndZeroJitterIsExact() {
        #expect(WorkerSchedule(interval: .seconds(10), jitter: 3).jitter == 0.5)
        #expect(WorkerSchedule(interval: .seconds(10), jitter: -1).delay(unit: 0.9) == .seconds(10))
    }
}
