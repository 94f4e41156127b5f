import Testing
@testable import AWSCore

@Suite struct RetryPolicyTests {
    @Test func classifiesCodesStatusesAndTransportErrors() {
        func aws(_ status: Int, _ code: String) -> AWSError { AWSError(service: "efs", operation: "Op", httpStatus: status, code: code, message: "") }
        #expect(RetryPolicy.classify(aws(400, "ThrottlingException")) == .throttling)
        #expect(RetryPolicy.classify(aws(429, "Whatever")) == .throttling)
        #expect(RetryPolicy.classify(aws(400, "RequestLimitExceeded")) == .throttling)
        #expect(RetryPolicy.classify(aws(500, "InternalFailure")) == .transient)
        for status in [500, 502, 503, 504] { #expect(RetryPolicy.classify(aws(status, "HTTP\(status)")) == .transient) }
        #expect(RetryPolicy.classify(aws(501, "HTTP501")) == .notRetryable)
        #expect(RetryPolicy.classify(aws(403, "SignatureDoesNotMatch")) == .notRetryable)
        #expect(RetryPolicy.classify(aws(409, "MountTargetConflict")) == .notRetryable)
        #expect(RetryPolicy.classify(HTTPTransportError(kind: .connect, detail: "", url: "")) == .transportSurelyUnsent)
        #expect(RetryPolicy.classify(HTTPTransportError(kind: .timeout, detail: "", url: "")) == .transportTimeout)
        #expect(RetryPolicy.classify(HTTPTransportError(kind: .connectionReset, detail: "", url: "")) == .transportOther)
        #expect(RetryPolicy.classify(HTTPTransportError(kind: .tls, detail: "", url: "")) == .notRetryable)
    }

    @Test func idempotencyGatesAmbiguousTransportFailures() {
        #expect(RetryPolicy.isRetryable(.transportSurelyUnsent, idempotent: false))
        #expect(!RetryPolicy.isRetryable(.transportOther, idempotent: false))
        #expect(!RetryPolicy.isRetryable(.transportTimeout, idempotent: false))
        #expect(RetryPolicy.isRetryable(.transportOther, idempotent: true))
        #expect(RetryPolicy.isRetryable(.transportTimeout, idempotent: true))
        #expect(RetryPolicy.isRetryable(.throttling, idempotent: false))
        #expect(!RetryPolicy.isRetryable(.notRetryable, idempotent: true))
    }

    @Test func fullJitterBackoffDoublesAndCapsAt20Seconds() {
        let top = RetryPolicy(random: { 0.999_999 })
        let delays = (1...12).map { top.backoff(retry: $0) }
        #expect(abs(delays[0] - 0.1) < 1e-3 && abs(delays[1] - 0.2) < 1e-3 && abs(delays[2] - 0.4) < 1e-3)
        #expect(delays.allSatisfy { $0 <= 20 })
        #expect(delays[11] > 19.9)
        #expect(RetryPolicy(random: { 0 }).backoff(retry: 5) == 0)
        #expect(abs(RetryPolicy(random: { 0.5 }).backoff(retry: 3) - 0.2) < 1e-9)
    }

    @Test func maxAttemptsComesFromTheEnvironmentAndIsValidated() throws {
        #expect(try RetryPolicy.standard(environment: [:]).maxAttempts == 3)
        #expect(try RetryPolicy.standard(environment: ["AWS_MAX_ATTEMPTS": "7"]).maxAttempts == 7)
        for bad in ["0", "-1", "three", "100"] {
            #expect { try RetryPolicy.standard(environment: ["AWS_MAX_ATTEMPTS": bad]) } throws: {
                ($0 as? AWSConfigurationError)?.setting == "AWS_MAX_ATTEMPTS" && ($0 as? AWSConfigurationError)?.value == bad
            }
        }
    }

    @Test func quotaCostsRefundsAndCapacity() {
        let quota = RetryQuota(capacity: 12)
        #expect(quota.acquire(RetryQuota.retryCost))
        #expect(quota.acquire(RetryQuota.retryCost))
        #expect(!quota.acquire(RetryQuota.retryCost))
        #expect(quota.available == 2)
        quota.release(acquired: 10)
        #expect(quota.available == 12)
        quota.release(acquired: 0)
        #expect(quota.available == 12) // capped
        #expect(quota.acquire(RetryQuota.timeoutRetryCost))
        quota.release(acquired: 0)
        #expect(quota.available == 3)
    }

    @Test func clockSkewNeedsASkewCodeAndMoreThanFourMinutes() {
        let skew = ClockSkew()
        let now = 1_800_000_000.0
        let rejected = AWSError(service: "ssm", operation: "Op", httpStatus: 400, code: "InvalidSignatureException", message: "")
        #expect(!skew.correct(after: rejected, dateHeader: Timestamp.formatHTTPDate(now + 100), localNow: now))
        #expect(!skew.correct(after: AWSError(service: "s", operation: "o", httpStatus: 400, code: "ValidationException", message: ""),
                              dateHeader: Timestamp.formatHTTPDate(now + 900), localNow: now))
        #expect(!skew.correct(after: rejected, dateHeader: "garbage", localNow: now))
        #expect(skew.correct(after: rejected, dateHeader: Timestamp.formatHTTPDate(now + 900), localNow: now))
        #expect(skew.seconds == 900)
        // Already corrected: the same offset is not "new" skew.
        #expect(!skew.correct(after: rejected, dateHeader: Timestamp.formatHTTPDate(now + 900), localNow: now))
    }

    @Test func timestampsRoundTrip() {
        #expect(Timestamp.parseISO8601("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.parseISO8601("2026-11-22T03:14:49Z") == 1_795_317_289)
        #expect(Timestamp.parseISO8601("2026-11-22T04:14:49.250+01:00") == 1_795_317_289.25)
        #expect(Timestamp.parseISO8601("2026-11-22") == nil)
        #expect(Timestamp.parseISO8601("2026-13-22T03:14:49Z") == nil)
        #expect(Timestamp.parseHTTPDate("Sun, 22 Nov 2026 03:14:49 GMT") == 1_795_317_289)
        #expect(Timestamp.formatHTTPDate(1_795_317_289) == "Sun, 22 Nov 2026 03:14:49 GMT")
        #expect(Timestamp.parseHTTPDate("Sun, 22 Nov 2026 03:14:49 PST") == nil)
    }
}
