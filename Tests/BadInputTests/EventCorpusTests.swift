import Foundation
import Testing
import TestSupport

/// Malformed Lambda events (`Corpus/events/cases.json`), fed to `efs-autoscaler invoke` over a
/// seeded deployment in which `{}` would scale out.
@Suite(.serialized)
struct EventCorpusTests {
    static let category = "events"

    @Test func everyMalformedEventIsRejectedBeforeAnyChange() async throws {
        let cases = try Corpus.cases(Self.category)
        #expect(cases.count >= 12)
        let binary = try AutoscalerBinary()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            var seconds: [Double] = []
            for item in cases {
                let bytes = try Self.bytes(of: item)
                try await moto.clearRequestLog()
                let outcome = try await binary.invoke(event: bytes, environment: deployment.environment)
                seconds.append(outcome.seconds)
                let log = try await moto.requestLog()
                CorpusRun.check(item, outcome, mutating: MutatingCall.found(in: log), placeholders: deployment.placeholders)
                // An event is judged before the configuration is even read: not one AWS call.
                #expect(log.isEmpty, "\(item.testDescription): \(log.count) AWS calls for a rejected event")
            }
            CorpusRun.summary(Self.category, cases: cases.count, seconds: seconds)

            // The control: the same harness with a valid event does change things, so the
            // zero-mutation checks above can fail.
            try await moto.clearRequestLog()
            let valid = try await binary.invoke(event: Array("{}".utf8), environment: deployment.environment)
            #expect(valid.status == 0, "control run failed: \(valid.text)")
            #expect(MutatingCall.found(in: try await moto.requestLog()).contains("CreateMountTarget"))
        }
    }

    static func bytes(of item: CorpusCase) throws -> [UInt8] {
        if let event = item.event { return Array(event.utf8) }
        if let payload = item.payload { return try Corpus.payload(category, payload) }
        return try #require(item.generated, "\(item.name) has no event").bytes
    }
}
