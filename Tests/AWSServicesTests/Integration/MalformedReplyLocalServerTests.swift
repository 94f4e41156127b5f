import AWSCore
import Synchronization
import Testing
import TestSupport
@testable import AWSServices

/// Issue 17: a malformed or truncated reply to a read (bad JSON, a proxy's HTML page with
/// status 200, a body cut short) is a transient failure, retried like a 5xx; a mutating call
/// that gets one is not resent and the error surfaces. Through the real client (signing,
/// curl, decoding) against a local server that answers badly once, then well.
@Suite struct MalformedReplyLocalServerTests {
    static let html = "<html><body><h1>Gateway</h1>Please try again</body></html>"
    static let parameter = #"{"Parameter":{"Name":"/p","Type":"String","Value":"v","Version":7}}"#

    /// The first request gets `bad`, every later one `good`.
    static func badOnce(_ bad: LocalHTTPServer.Action, then good: String) -> LocalHTTPServer.Handler {
        let served = Mutex(0)
        return { _ in served.withLock { n in n += 1; return n } == 1 ? bad : .respond(text: good) }
    }

    static func client(_ server: LocalHTTPServer) throws -> AWSClient {
        try MotoClient.make(["AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": server.baseURL,
                             "AWS_ACCESS_KEY_ID": "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_EC2_METADATA_DISABLED": "true"])
    }

    static let badReplies: [LocalHTTPServer.Action] = [
        .respond(headers: ["Content-Type": "text/html"], text: html),
        .respond(text: String(parameter.prefix(30))),
        .respond(text: ""),
    ]

    @Test(arguments: badReplies)
    func aReadRetriesAMalformedReply(bad: LocalHTTPServer.Action) async throws {
        try await LocalHTTPServer.withRunning(handler: Self.badOnce(bad, then: Self.parameter)) { server in
            let value = try await SSMClient(executor: try Self.client(server)).getParameter(name: "/p")
            #expect(value.value == "v")
            #expect(server.requests.count == 2)
        }
    }

    @Test func aReadRetriesABodyCutShortOfItsContentLength() async throws {
        let cut = LocalHTTPServer.Action.respond(headers: ["Content-Length": "200", "Connection": "close"], text: String(Self.parameter.prefix(30)))
        try await LocalHTTPServer.withRunning(handler: Self.badOnce(cut, then: Self.parameter)) { server in
            let value = try await SSMClient(executor: try Self.client(server)).getParameter(name: "/p")
            #expect(value.value == "v")
            #expect(server.requests.count == 2)
        }
    }

    @Test func describeCallsOfEveryProtocolRetryAMalformedReply() async throws {
        let mountTargets = #"{"MountTargets":[{"MountTargetId":"fsmt-1","FileSystemId":"fs-1","SubnetId":"subnet-1","LifeCycleState":"available"}]}"#
        try await LocalHTTPServer.withRunning(handler: Self.badOnce(Self.badReplies[0], then: mountTargets)) { server in
            let targets = try await EFSClient(executor: try Self.client(server)).describeMountTargets(fileSystemId: "fs-1")
            #expect(targets.map(\.mountTargetId) == ["fsmt-1"])
            #expect(server.requests.count == 2)
        }
        let subnets = RecordedResponses.describeSubnets([("subnet-1", "eu-west-1a")], nextToken: nil)
        try await LocalHTTPServer.withRunning(handler: Self.badOnce(.respond(text: "<DescribeSubnetsResponse><subnetSet>"), then: subnets)) { server in
            let found = try await EC2Client(executor: try Self.client(server)).describeSubnets(vpcId: "vpc-1")
            #expect(found.map(\.subnetId) == ["subnet-1"])
            #expect(server.requests.count == 2)
        }
    }

    @Test func aMutatingCallSurfacesAMalformedReplyWithoutResending() async throws {
        try await LocalHTTPServer.withRunning(handler: Self.badOnce(Self.badReplies[0], then: #"{"Version":2}"#)) { server in
            await #expect {
                try await SSMClient(executor: try Self.client(server)).putParameter(name: "/p", value: "v", overwrite: false)
            } throws: { ($0 as? ServiceResponseError)?.operation == "PutParameter" }
            #expect(server.requests.count == 1)
        }
    }
}
