import Foundation
import Testing
import TestSupport

/// Bad environment values (`Corpus/environment/cases.json`) over a valid deployment's
/// environment: each must fail naming the variable and its value, and change nothing. Most are
/// caught before any AWS call; subnet membership needs EC2's answer, still before any write.
@Suite(.serialized)
struct EnvironmentCorpusTests {
    static let category = "environment"

    @Test func everyBadVariableIsNamedAndNothingChanges() async throws {
        let cases = try Corpus.cases(Self.category)
        #expect(cases.count >= 20)
        let binary = try AutoscalerBinary()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            let placeholders = deployment.placeholders
            // Every call goes through a pass-through proxy that records bodies, so lease writes on
            // the state document can be told from other writes (moto's log has no bodies).
            let proxy = MotoProxy(moto: moto, operation: nil, replacement: nil)
            try proxy.start()
            defer { proxy.stop() }
            let stateBefore = try await deployment.stateDocument()
            var seconds: [Double] = []
            var leased: [String] = []
            for item in cases {
                var environment = deployment.environment
                environment["AWS_ENDPOINT_URL"] = proxy.endpoint
                for (name, value) in item.set ?? [:] { environment[name] = Corpus.substitute(value, placeholders) }
                for name in item.unset ?? [] { environment[name] = nil }
                try await moto.clearRequestLog()
                let first = proxy.requests.count
                let outcome = try await binary.invoke(event: Array("{}".utf8), environment: environment)
                seconds.append(outcome.seconds)
                let requests = Array(proxy.requests[first...])
                if try await CorpusRun.check(item, outcome, requests: requests, deployment: deployment, stateBefore: stateBefore) > 0 {
                    leased.append(item.name)
                }
                #expect(MutatingCall.found(in: try await moto.requestLog()).count == MutatingCall.found(in: requests).count,
                        "\(item.testDescription): moto saw writes the proxy did not forward")
            }
            CorpusRun.summary(Self.category, cases: cases.count, seconds: seconds)
            print("bad-input corpus: environment: lease written and released (state unchanged) in \(leased)")

            try await moto.clearRequestLog()
            let valid = try await binary.invoke(event: Array("{}".utf8), environment: deployment.environment)
            #expect(valid.status == 0, "control run failed: \(valid.text)")
            #expect(MutatingCall.found(in: try await moto.requestLog()).contains("CreateMountTarget"))
        }
    }
}
