import Foundation
import Testing
@testable import AWSCore

/// `AWSClient.send(_:decode:)`: the decode runs inside the retry loop, so a reply the caller
/// cannot read counts as a transient failure for an idempotent request and is surfaced at once
/// for a mutating one. Scripted outcomes, no sockets.
@Suite struct DecodeInRetryLoopTests {
    struct Unreadable: MalformedResponseError {}
    struct Decoded: Decodable, Equatable { var value: String }

    static func decode(_ response: HTTPResponse) throws -> String {
        guard response.bodyText.hasPrefix("{") else { throw Unreadable() }
        return response.bodyText
    }

    @Test func aMalformedReplyToAReadIsRetriedLikeA5xx() async throws {
        let transport = ScriptedTransport([.status(200, "<html>proxy</html>"), .status(200, "{}")])
        let sleeps = SleepRecorder()
        let quota = RetryQuota()
        let body = try await ClientFixture.client(transport, quota: quota, sleeper: sleeps, random: 0.5)
            .send(ClientFixture.ssmGet(idempotent: true), decode: Self.decode)
        #expect(body == "{}")
        #expect(transport.requests.count == 2)
        #expect(sleeps.all == [0.05])
        #expect(quota.available == RetryQuota.defaultCapacity)
    }

    @Test func aDecodingErrorCountsAsMalformedToo() async throws {
        let transport = ScriptedTransport([.status(200, #"{"value":"#), .status(200, #"{"value":"ok"}"#)])
        let decoded = try await ClientFixture.client(transport).send(ClientFixture.ssmGet(idempotent: true)) {
            try JSONDecoder().decode(Decoded.self, from: Data($0.body))
        }
        #expect(decoded == Decoded(value: "ok"))
        #expect(transport.requests.count == 2)
    }

    @Test func aMalformedReplyToAMutatingCallIsSurfacedNotResent() async throws {
        let transport = ScriptedTransport([.status(200, "<html>proxy</html>")], then: .status(200, "{}"))
        await #expect(throws: Unreadable.self) {
            try await ClientFixture.client(transport).send(ClientFixture.ssmGet(idempotent: false), decode: Self.decode)
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aMalformedReplyEveryTimeEndsWithTheDecodeError() async throws {
        let transport = ScriptedTransport([], then: .status(200, "<html>proxy</html>"))
        await #expect(throws: Unreadable.self) {
            try await ClientFixture.client(transport).send(ClientFixture.ssmGet(idempotent: true), decode: Self.decode)
        }
        #expect(transport.requests.count == 3)
    }

    @Test func otherDecodeErrorsAreTheCallersAndNotRetried() async throws {
        let transport = ScriptedTransport([], then: .status(200, "{}"))
        await #expect { try await ClientFixture.client(transport).send(ClientFixture.ssmGet(idempotent: true)) { _ -> Int in
            throw AWSError(service: "ecs", operation: "DescribeServices", httpStatus: 200, code: "ServiceNotFoundException", message: "MISSING")
        } } throws: { ($0 as? AWSError)?.code == "ServiceNotFoundException" }
        #expect(transport.requests.count == 1)
    }

    @Test func testDoublesWithoutARetryLoopDecodeOnce() async throws {
        struct OneShot: AWSRequestExecutor {
            func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse { HTTPResponse(status: 200, body: Array("x".utf8)) }
        }
        await #expect(throws: Unreadable.self) { try await OneShot().send(ClientFixture.ssmGet(), decode: Self.decode) }
    }
}

