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
            var seconds: [Double] = []
            for item in cases {
                var environment = deployment.environment
                for (name, value) in item.set ?? [:] { environment[name] = Corpus.substitute(value, placeholders) }
                for name in item.unset ?? [] { environment[name] = nil }
                try await moto.clearRequestLog()
                let outcome = try await binary.invoke(event: Array("{}".utf8), environment: environment)
                seconds.append(outcome.seconds)
                CorpusRun.check(item, outcome, mutating: MutatingCall.found(in: try await moto.requestLog()),
                                placeholders: placeholders)
            }
            CorpusRun.summary(Self.category, cases: cases.count, seconds: seconds)

            try await moto.clearRequestLog()
            let valid = try await binary.invoke(event: Array("{}".utf8), environment: deployment.environment)
            #expect(valid.status == 0, "control run failed: \(valid.text)")
            #expect(MutatingCall.found(in: try await moto.requestLog()).contains("CreateMountTarget"))
        }
    }
}
