import AWSCore
import Foundation
import Testing
import TestSupport

/// Malformed AWS responses (`Corpus/responses/cases.json`): a proxy in front of the seeded
/// emulator replaces the answer to one read operation; the run must name the operation and what
/// was wrong with the answer, and the proxy's log must show no mutating call.
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
            var seconds: [Double] = []
            for item in cases {
                let served = try #require(item.response, "\(item.name) has no response")
                let operation = try #require(item.operation, "\(item.name) has no operation")
                let body = try served.body.map { Array($0.utf8) } ?? Corpus.payload(Self.category, try #require(served.payload))
                var headers = HTTPHeaders()
                if let contentType = served.contentType { headers.add("Content-Type", contentType) }
                let proxy = MotoProxy(moto: moto, operation: operation,
                                      replacement: .respond(status: served.status, headers: headers, body: body))
                try proxy.start()
                defer { proxy.stop() }
                try await moto.clearRequestLog()
                var environment = deployment.environment
                environment["AWS_ENDPOINT_URL"] = proxy.endpoint
                environment["AWS_MAX_ATTEMPTS"] = "2"
                let outcome = try await binary.invoke(event: Array("{}".utf8), environment: environment)
                seconds.append(outcome.seconds)
                let operations = proxy.requests.map(MotoProxy.operation(of:))
                #expect(operations.contains(operation), "\(item.testDescription): \(operation) was never called: \(operations)")
                CorpusRun.check(item, outcome, mutating: MutatingCall.found(in: proxy.requests) + MutatingCall.found(in: try await moto.requestLog()),
                                placeholders: deployment.placeholders)
            }
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
