import Foundation
import Scaling
import TestSupport
import Testing

/// Checks one case's outcome: the run failed, its error names what was wrong, and nothing was
/// changed. Every failed expectation carries the case name.
enum CorpusRun {
    static func check(_ item: CorpusCase, _ outcome: AutoscalerBinary.Outcome, mutating: [String],
                      placeholders: [String: String]) {
        let label = item.testDescription
        #expect(outcome.status != 0, "\(label): exited 0 — the bad input was accepted\n\(outcome.text)")
        #expect(!outcome.text.contains("Fatal error"), "\(label): crashed\n\(outcome.text)")
        for fragment in item.expect.map({ Corpus.substitute($0, placeholders) }) {
            #expect(outcome.text.contains(fragment), "\(label): the error does not mention \(fragment)\n\(outcome.text)")
        }
        #expect(mutating.isEmpty, "\(label): mutating calls \(mutating)")
        // BAD_INPUT_SHOW=1 prints what a user sees for each case, to review the messages.
        if ProcessInfo.processInfo.environment["BAD_INPUT_SHOW"] != nil {
            let line = outcome.stderr.split(separator: "\n").last { $0.contains("Error") || $0.contains("error") } ?? ""
            print("[\(label)] \(line.prefix(400))")
        }
    }

    /// `check` for a run whose calls went through a `MotoProxy`: a failure found only after the
    /// run took its lease (an EFS or ECS read) writes the state document twice, lease on and off.
    /// Those two writes are allowed only if they leave the document exactly as it was; any other
    /// mutating call fails the case. Returns the number of lease writes.
    @discardableResult
    static func check(_ item: CorpusCase, _ outcome: AutoscalerBinary.Outcome, requests: [LocalHTTPServer.RecordedRequest],
                      deployment: Deployment, stateBefore: StateDocument) async throws -> Int {
        let writes = MutatingCall.split(requests, stateParameter: deployment.scenario.stateParameterName ?? "")
        // Preflight reads EFS and ECS before the lease: not even the lease may be written.
        check(item, outcome, mutating: writes.others + Array(repeating: "PutParameter (lease)", count: writes.leaseWrites),
              placeholders: deployment.placeholders)
        if writes.leaseWrites > 0 {
            #expect(try await deployment.stateDocument() == stateBefore, "\(item.testDescription): the state document changed")
        }
        return writes.leaseWrites
    }

    /// One line per category for the test log: how many cases, how long.
    static func summary(_ category: String, cases: Int, seconds: [Double]) {
        let total = seconds.reduce(0, +)
        let slowest = seconds.max() ?? 0
        print("bad-input corpus: \(category): \(cases) cases in \(String(format: "%.1f", total)) s (slowest \(String(format: "%.2f", slowest)) s)")
    }
}
