import Testing
@testable import AWSCore

/// Issue 17, "the client core": throttling backs off from 1 s (the SDKs' standard mode), other
/// transient failures from 0.1 s, both full jitter capped at 20 s, and an `x-amz-retry-after`
/// hint is honoured but never slept past the call's deadline. Scripted outcomes, no sockets.
@Suite struct ThrottlingBackoffTests {
    static func throttled(_ code: String = "ThrottlingException", status: Int = 400, retryAfter: String? = nil) -> ScriptedTransport.Step {
        var headers: HTTPHeaders = [:]
        if let retryAfter { headers.add("x-amz-retry-after", retryAfter) }
        return .status(status, #"{"__type":"\#(code)","message":"Rate exceeded"}"#, headers: headers)
    }

    @Test func throttlingBacksOffFromOneSecondOtherFailuresFromATenth() async throws {
        let throttledSleeps = SleepRecorder()
        let throttled = ScriptedTransport([Self.throttled(), Self.throttled(), .ok])
        _ = try await ClientFixture.client(throttled, sleeper: throttledSleeps, random: 0.5).execute(ClientFixture.ssmGet())
        #expect(throttledSleeps.all == [0.5, 1.0])

        let unavailableSleeps = SleepRecorder()
        let unavailable = ScriptedTransport([.unavailable, .unavailable, .ok])
        _ = try await ClientFixture.client(unavailable, sleeper: unavailableSleeps, random: 0.5).execute(ClientFixture.ssmGet())
        #expect(unavailableSleeps.all == [0.05, 0.1])
    }

    @Test(arguments: ["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
                      "ProvisionedThroughputExceededException", "RequestThrottledException", "SlowDown", "HTTP429"])
    func everyThrottlingSpellingUsesTheLongBase(code: String) async throws {
        let sleeps = SleepRecorder()
        let step = code == "HTTP429" ? ScriptedTransport.Step.status(429, "<html>Too Many Requests</html>") : Self.throttled(code)
        _ = try await ClientFixture.client(ScriptedTransport([step, .ok]), sleeper: sleeps, random: 0.25).execute(ClientFixture.ssmGet())
        #expect(sleeps.all == [0.25])
    }

    @Test func retryAfterHintIsHonouredAndCapped() async throws {
        let sleeps = SleepRecorder()
        let transport = ScriptedTransport([Self.throttled(retryAfter: "2500"), Self.throttled(retryAfter: "60000"),
                                           Self.throttled(retryAfter: "soon"), .ok])
        _ = try await ClientFixture.client(transport, maxAttempts: 4, sleeper: sleeps, random: 0.5).execute(ClientFixture.ssmGet())
        // 2.5 s asked (longer than the 0.5 s drawn); 60 s asked, capped at 20; a garbled hint ignored (2.0 drawn).
        #expect(sleeps.all == [2.5, 20, 2.0])
        // A hint shorter than the drawn backoff does not shorten it.
        let short = SleepRecorder()
        _ = try await ClientFixture.client(ScriptedTransport([Self.throttled(retryAfter: "10"), .ok]), sleeper: short, random: 0.5)
            .execute(ClientFixture.ssmGet())
        #expect(short.all == [0.5])
    }

    @Test func retryAfterHintNeverSleepsPastTheDeadline() async throws {
        let sleeps = SleepRecorder()
        let transport = ScriptedTransport([Self.throttled(retryAfter: "5000")], then: .ok)
        let client = ClientFixture.client(transport, sleeper: sleeps, random: 0.01)
        await #expect {
            try await client.execute(ClientFixture.ssmGet(), deadline: Deadline.after(seconds: 2))
        } throws: { ($0 as? AWSError)?.code == "ThrottlingException" }
        #expect(sleeps.all.isEmpty)
        #expect(transport.requests.count == 1)
    }
}
