import AWSCore
import Foundation
import Testing
import TestSupport

/// Malformed AWS responses (`Corpus/responses/cases.json`): a proxy in front of the seeded
/// emulator replaces the answer to one read operation; the run must name the operation and what
/// was wrong with the answer, and the proxy's log must show no mutating call.
///
/// One exception is asserted separately: a broken EFS or ECS answer arrives after the run took
/// its lease, so the state document sees the lease written and released (two `PutParameter`
/// calls on `STATE_PARAMETER_NAME`); its content must be exactly what it was before.
@Suite(.serialized)
struct ResponseCorpusTests {
    static let category = "responses"

    @Test func everyMalformedResponseStopsTheRunBeforeAnyChange() async throws {
        let cases = try Corpus.cases(Self.category)
        #expect(cases.count >= 10)
        let binary = try AutoscalerBinary()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            let stateBefore = try await deployment.stateDocument()
            var seconds: [Double] = []
            var leaseWrites: [String: Int] = [:]
            for item in cases {
                let served = try #require(item.response, "\(item.name) has no response")
                let operation = try #require(item.operation, "\(item.name) has no operation")
                // `${…}` in a body names the seeded deployment's resources (a well-formed answer with one bad field).
                let body = try served.body.map { Array(Corpus.substitute($0, deployment.placeholders).utf8) }
                    ?? Corpus.payload(Self.category, try #require(served.payload))
                var headers = HTTPHeaders()
                if let contentType = served.contentType { headers.add("Content-Type", contentType) }
                let proxy = MotoProxy(moto: moto, operation: operation,
                                      replacement: .respond(status: served.status, headers: headers, body: body))
                try proxy.start()
                defer { proxy.stop() }
                try await moto.clearRequestLog()
                var environment = deployment.environment
                environment["AWS_ENDPOINT_URL"] = proxy.endpoint
                environment["AWS_MAX_ATTEMPTS"] = "1"  // retries are the fault-injection suite's subject
                let outcome = try await binary.invoke(event: Array("{}".utf8), environment: environment)
                seconds.append(outcome.seconds)
                let operations = proxy.requests.map(MotoProxy.operation(of:))
                #expect(operations.contains(operation), "\(item.testDescription): \(operation) was never called: \(operations)")
                let leased = try await CorpusRun.check(item, outcome, requests: proxy.requests, deployment: deployment,
                                                       stateBefore: stateBefore)
                #expect(MutatingCall.found(in: try await moto.requestLog()).count == leased,
                        "\(item.testDescription): moto saw other writes than the proxy forwarded")
                if leased > 0 { leaseWrites[item.name] = leased }
            }
            print("bad-input corpus: responses: lease written and released (state unchanged) in \(leaseWrites.keys.sorted())")
            CorpusRun.summary(Self.category, cases: cases.count, seconds: seconds)

            // The control: through the same proxy, replacing nothing, the run does act.
            let proxy = MotoProxy(moto: moto, operation: nil, replacement: nil)
            try proxy.start()
            defer { proxy.stop() }
            var environment = deployment.environment
            environment["AWS_ENDPOINT_URL"] = proxy.endpoint
            let valid = try await binary.invoke(event: Array("{}".utf8), environment: environment)
            #expect(valid.status == 0, "control run failed: \(valid.text)")
            #expect(MutatingCall.found(in: proxy.requests).contains("CreateMountTarget"))
        }
    }
}
