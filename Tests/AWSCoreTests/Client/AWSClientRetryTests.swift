import Testing
import SigV4
@testable import AWSCore

/// The retry state machine driven by scripted outcomes (no sockets; see
/// `AWSClientLocalServerTests` for the same behaviour over real HTTP).
@Suite struct AWSClientRetryTests {
    @Test func buildsSignedJSON11Request() async throws {
        let transport = ScriptedTransport([.ok])
        let client = ClientFixture.client(transport, baseURL: "http://127.0.0.1:9/base")
        var request = ClientFixture.ssmGet()
        request.query = [("a b", "ü/&"), ("Z", "1")]
        _ = try await client.execute(request)
        let sent = try #require(transport.requests.first)
        #expect(sent.url == "http://127.0.0.1:9/base/?a%20b=%C3%BC%2F%26&Z=1")
        #expect(sent.headers["Content-Type"] == "application/x-amz-json-1.1")
        #expect(sent.headers["X-Amz-Target"] == "AmazonSSM.GetParameter")
        #expect(sent.headers["X-Amz-Date"] == "20261122T031449Z")
        #expect(sent.headers["X-Amz-Security-Token"] == ClientFixture.credentials.sessionToken)
        #expect(sent.headers["x-amz-content-sha256"] == Digest.sha256Hex(request.body))
        #expect(sent.headers["User-Agent"] == AWSClient.defaultUserAgent)
        let auth = try #require(sent.headers["Authorization"])
        #expect(auth.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/eu-west-1/ssm/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
        // The same request signed independently gives the same signature.
        let expected = SigV4Signer(region: "eu-west-1", service: "ssm").signature(
            method: "POST", url: sent.url,
            headers: sent.headers.fields.filter { !["authorization", "user-agent", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"].contains($0.name.lowercased()) }.map { ($0.name, $0.value) },
            payloadHash: Digest.sha256Hex(request.body), credentials: ClientFixture.credentials, secondsSince1970: ClientFixture.now)
        #expect(auth == expected.authorization)
    }

    @Test func efsSignsAsElasticFileSystemAndQueryGetsFormContentType() async throws {
        let transport = ScriptedTransport([.ok, .ok])
        let client = ClientFixture.client(transport)
        _ = try await client.execute(AWSServiceRequest(service: .efs, operation: "DescribeMountTargets", method: "GET", path: "/2015-02-01/mount-targets", query: [("FileSystemId", "fs-1")], idempotent: true))
        _ = try await client.execute(AWSServiceRequest(service: .ec2, operation: "DescribeSubnets", body: Array("Action=DescribeSubnets&Version=2016-11-15".utf8), idempotent: true))
        let efs = transport.requests[0]
        #expect(efs.headers["Authorization"]?.contains("/eu-west-1/elasticfilesystem/aws4_request") == true)
        #expect(efs.headers["Content-Type"] == nil)
        #expect(transport.requests[1].headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8")
    }

    @Test func throttlingIsRetriedWithBackoffThenSucceeds() async throws {
        let transport = ScriptedTransport([.throttled, .throttled, .ok])
        let sleeper = SleepRecorder()
        let quota = RetryQuota()
        let response = try await ClientFixture.client(transport, quota: quota, sleeper: sleeper, random: 0.5).execute(ClientFixture.ssmGet(idempotent: false))
        #expect(response.status == 200)
        #expect(transport.requests.count == 3)
        #expect(sleeper.all == [0.5, 1.0]) // throttling: 1 s base, full jitter (0.5 drawn)
        #expect(quota.available == RetryQuota.defaultCapacity) // 10 spent, 10 refunded on success
    }

    @Test func fiveXXStopsAtMaxAttemptsWithTheDecodedError() async throws {
        let transport = ScriptedTransport([], then: .unavailable)
        await #expect {
            try await ClientFixture.client(transport).execute(ClientFixture.ssmGet())
        } throws: { ($0 as? AWSError)?.code == "HTTP503" }
        #expect(transport.requests.count == 3)
        let five = ScriptedTransport([], then: .status(500, #"{"__type":"InternalFailure"}"#))
        _ = try? await ClientFixture.client(five, maxAttempts: 5).execute(ClientFixture.ssmGet())
        #expect(five.requests.count == 5)
    }

    @Test func nonIdempotentResetIsNotRetriedButConnectFailureIs() async throws {
        let reset = ScriptedTransport([.failure(.connectionReset), .ok])
        await #expect {
            try await ClientFixture.client(reset).execute(ClientFixture.ssmGet(idempotent: false))
        } throws: { ($0 as? HTTPTransportError)?.kind == .connectionReset }
        #expect(reset.requests.count == 1)

        let idempotentReset = ScriptedTransport([.failure(.connectionReset), .failure(.timeout), .ok])
        _ = try await ClientFixture.client(idempotentReset).execute(ClientFixture.ssmGet(idempotent: true))
        #expect(idempotentReset.requests.count == 3)

        let refused = ScriptedTransport([.failure(.connect), .ok])
        _ = try await ClientFixture.client(refused).execute(ClientFixture.ssmGet(idempotent: false))
        #expect(refused.requests.count == 2)
    }

    @Test func wrongSignatureIsNotRetried() async throws {
        let body = "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error></ErrorResponse>"
        let transport = ScriptedTransport([], then: .status(403, body, headers: ["Date": Timestamp.formatHTTPDate(ClientFixture.now + 5)]))
        await #expect {
            try await ClientFixture.client(transport).execute(ClientFixture.ssmGet())
        } throws: { ($0 as? AWSError)?.code == "SignatureDoesNotMatch" && ($0 as? AWSError)?.httpStatus == 403 }
        #expect(transport.requests.count == 1)
    }

    @Test func clockSkewIsCorrectedOnceAndRemembered() async throws {
        let serverTime = ClientFixture.now + 3600
        let skewed = ScriptedTransport.Step.status(400, #"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
                                                   headers: ["Date": Timestamp.formatHTTPDate(serverTime)])
        let transport = ScriptedTransport([skewed, .ok, .ok])
        let sleeper = SleepRecorder()
        let client = ClientFixture.client(transport, sleeper: sleeper)
        _ = try await client.execute(ClientFixture.ssmGet())
        _ = try await client.execute(ClientFixture.ssmGet())
        #expect(transport.requests.map { $0.headers["X-Amz-Date"] } == ["20261122T031449Z", "20261122T041449Z", "20261122T041449Z"])
        #expect(sleeper.all.isEmpty)

        // A server that keeps rejecting: corrected once, then the error surfaces.
        let stubborn = ScriptedTransport([], then: skewed)
        await #expect { try await ClientFixture.client(stubborn, maxAttempts: 1).execute(ClientFixture.ssmGet()) } throws: {
            ($0 as? AWSError)?.code == "InvalidSignatureException"
        }
        #expect(stubborn.requests.count == 2)
    }

    @Test func emptyQuotaStopsRetries() async throws {
        let quota = RetryQuota(capacity: 7)
        let transport = ScriptedTransport([], then: .unavailable)
        _ = try? await ClientFixture.client(transport, maxAttempts: 10, quota: quota).execute(ClientFixture.ssmGet())
        #expect(transport.requests.count == 2) // one retry (5 tokens), then 2 left: no more
        #expect(quota.available == 2)
        let second = ScriptedTransport([], then: .unavailable)
        _ = try? await ClientFixture.client(second, maxAttempts: 10, quota: quota).execute(ClientFixture.ssmGet())
        #expect(second.requests.count == 1)
    }

    @Test func deadlineIsNeverSleptPast() async throws {
        let transport = ScriptedTransport([], then: .unavailable)
        // Backoff 0.1, 0.2, 0.4, ... with real sleeps: a 0.5 s deadline allows two or three of them.
        let deadline = Deadline.after(seconds: 0.5)
        let sleeps = DeadlineSleepRecorder(deadline: deadline)
        let client = ClientFixture.client(transport, maxAttempts: 10, sleeper: nil, random: 0.999_999, sleep: sleeps.sleep)
        var thrown: (any Error)?
        do { _ = try await client.execute(ClientFixture.ssmGet(), deadline: deadline) } catch { thrown = error }
        #expect(!sleeps.all.isEmpty)
        #expect(sleeps.all.allSatisfy { $0.delay < $0.remaining + 0.02 })
        if let late = thrown as? DeadlineExceededError {
            // A loaded machine woke the last sleep after the deadline: no further attempt was made.
            #expect(transport.requests.count == sleeps.all.count && late.attempts == sleeps.all.count)
            #expect(late.lastFailure?.contains("HTTP503") == true)
        } else {
            // The next backoff did not fit: the last failure is returned without sleeping.
            #expect((thrown as? AWSError)?.code == "HTTP503")
            #expect(transport.requests.count == sleeps.all.count + 1)
        }
        #expect(transport.requests.count < 5) // 0.1 + 0.2 + 0.4 > 0.5: a fourth retry never fits
        #expect(transport.requests.allSatisfy { ($0.timeouts?.total ?? 99) <= 0.5 })
    }

    @Test func passedDeadlineFailsBeforeSendingAndTaskLocalDeadlineApplies() async throws {
        let transport = ScriptedTransport([.ok])
        let client = ClientFixture.client(transport)
        await Deadline.$current.withValue(Deadline.after(seconds: -1)) {
            await #expect(throws: DeadlineExceededError.self) { try await client.execute(ClientFixture.ssmGet()) }
        }
        #expect(transport.requests.isEmpty)
    }
}

@Suite struct AWSClientCredentialRefreshTests {
    @Test func expiredTokenRefreshesCachedCredentialsOnce() async throws {
        let base = CountingProvider(expiresAt: nil)
        let cache = CachingCredentialsProvider(base)
        let expired = ScriptedTransport.Step.status(400, #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#)
        let transport = ScriptedTransport([expired, .ok], then: expired)
        var policy = RetryPolicy()
        policy.sleep = SleepRecorder().sleep
        let client = AWSClient(transport: transport, credentials: cache, region: "eu-west-1",
                               environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"], retryPolicy: policy, logger: ClientFixture.silentLogger)
        _ = try await client.execute(ClientFixture.ssmGet())
        #expect(base.fetches == 2)
        #expect(transport.requests.map { $0.headers["Authorization"]?.contains("Credential=AKID2/") } == [false, true])
        // Rejected again after the refresh: the error surfaces, no endless refreshing.
        await #expect { try await client.execute(ClientFixture.ssmGet()) } throws: { ($0 as? AWSError)?.code == "ExpiredTokenException" }
        #expect(base.fetches == 3)
        #expect(transport.requests.count == 4)
    }
}
