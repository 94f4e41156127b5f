import AWSServices
import Foundation
import Testing
import TestSupport

/// Malformed SSM documents (`Corpus/documents/cases.json`): the published list
/// (`SSM_PARAMETER_NAME`) and the state document (`STATE_PARAMETER_NAME`). Each is planted in
/// the emulator; the run must name the parameter and what is wrong with it, and must neither
/// replace the document nor act.
@Suite(.serialized)
struct DocumentCorpusTests {
    static let category = "documents"

    @Test func everyMalformedDocumentIsNamedAndKept() async throws {
        let cases = try Corpus.cases(Self.category)
        #expect(cases.count >= 10)
        let binary = try AutoscalerBinary()
        try await MotoServer.exclusive { moto in
            let deployment = try await Deployment.seed(moto)
            defer { deployment.remove() }
            let listName = try #require(deployment.scenario.parameterName)
            let stateName = try #require(deployment.scenario.stateParameterName)
            let ssm = SSMClient(executor: try Deployment.admin(deployment.scenario))
            let validList = try await ssm.getParameter(name: listName).value
            let validState = #"{"version":1}"#
            var seconds: [Double] = []
            for item in cases {
                let name = try #require(["list": listName, "state": stateName][item.parameter ?? ""],
                                        "\(item.name): parameter must be list or state")
                let value = try item.value ?? String(decoding: Corpus.payload(Self.category, try #require(item.payload)), as: UTF8.self)
                try await deployment.plant(parameter: listName, value: validList)
                try await deployment.plant(parameter: stateName, value: validState)
                try await deployment.plant(parameter: name, value: value)
                let outcome = try await binary.invoke(event: Array("{}".utf8), environment: deployment.environment)
                seconds.append(outcome.seconds)
                CorpusRun.check(item, outcome, mutating: MutatingCall.found(in: try await moto.requestLog()),
                                placeholders: deployment.placeholders)
                #expect(try await ssm.getParameter(name: name).value == value, "\(item.testDescription): the document was replaced")
            }
            CorpusRun.summary(Self.category, cases: cases.count, seconds: seconds)

            try await deployment.plant(parameter: listName, value: validList)
            try await deployment.plant(parameter: stateName, value: validState)
            let valid = try await binary.invoke(event: Array("{}".utf8), environment: deployment.environment)
            #expect(valid.status == 0, "control run failed: \(valid.text)")
            #expect(MutatingCall.found(in: try await moto.requestLog()).contains("CreateMountTarget"))
        }
    }
}
