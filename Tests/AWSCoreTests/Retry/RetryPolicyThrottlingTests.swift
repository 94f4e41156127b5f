import Testing
@testable import AWSCore

/// The pure parts of the throttling backoff: the two bases, the cap, the hint's format.
@Suite struct RetryPolicyThrottlingTests {
    @Test func backoffIsFullJitterCappedAtTwentySeconds() {
        let top = RetryPolicy(random: { 0.999_999 })
        #expect(top.backoff(retry: 1, failure: .throttling) > 0.99 && top.backoff(retry: 1, failure: .throttling) < 1)
        #expect(top.backoff(retry: 3, failure: .throttling) > 3.99 && top.backoff(retry: 3, failure: .throttling) < 4)
        #expect(top.backoff(retry: 12, failure: .throttling) <= 20 && top.backoff(retry: 12, failure: .throttling) > 19.99)
        #expect(top.backoff(retry: 1, failure: .transient) < 0.1)
        #expect(RetryPolicy(random: { 0 }).backoff(retry: 5, failure: .throttling) == 0)
    }

    @Test func retryAfterHintParsing() {
        #expect(RetryPolicy.retryAfterHint(["x-amz-retry-after": "1500"]) == 1.5)
        #expect(RetryPolicy.retryAfterHint(["X-Amz-Retry-After": " 0 "]) == 0)
        #expect(RetryPolicy.retryAfterHint(["x-amz-retry-after": "-1"]) == nil)
        #expect(RetryPolicy.retryAfterHint(["x-amz-retry-after": "1.5"]) == nil)
        #expect(RetryPolicy.retryAfterHint([:]) == nil)
    }
}
