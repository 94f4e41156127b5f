import Foundation
import Testing
@testable import Scaling

@Suite struct StateDocumentTests {
    let name = "/efs/mount-targets/state"
    let instant = Date(timeIntervalSince1970: 1_800_000_000.25)

    var full: StateDocument {
        StateDocument(
            lastCount: FileCount(files: 123_456, complete: true, measuredAt: instant, durationMs: 4321),
            lastActionCompletedAt: instant.addingTimeInterval(-600), lowSignalSince: instant.addingTimeInterval(-60),
            pending: PendingOperation(kind: .scaleInDrain, availabilityZone: "ap-northeast-1d", subnetId: "subnet-0c",
                                      mountTargetId: "fsmt-0c", startedAt: instant, deploymentId: "ecs-svc/123"),
            lease: Lease(owner: "run-1", expiresAt: instant.addingTimeInterval(330)))
    }

    @Test func roundTrips() throws {
        for document in [full, .initial, StateDocument(pending: PendingOperation(kind: .scaleOut, availabilityZone: "a",
                                                                                  subnetId: "subnet-1", startedAt: instant))] {
            let text = try document.encode(parameter: name)
            #expect(try StateDocument.decode(text, parameter: name) == document)
            #expect(text.utf8.count < 4096)
        }
    }

    /// Issue 16 §3: the number of unreadable directories survives in the state (a cached count
    /// stays a lower bound); the example paths do not (4 KB); older documents read as 0.
    @Test func unreadableDirectoriesAreKeptExamplesAreNot() throws {
        let count = FileCount(files: 10, complete: true, measuredAt: instant, durationMs: 1, unreadableDirectories: 2,
                              unreadableExamples: ["/mnt/efs/a: Permission denied"])
        let text = try StateDocument(lastCount: count).encode(parameter: name)
        #expect(text.contains(#""unreadable_directories":2"#) && !text.contains("Permission denied"))
        let read = try #require(try StateDocument.decode(text, parameter: name).lastCount)
        #expect(read.unreadableDirectories == 2 && !read.isExact && read.unreadableExamples.isEmpty)
        let older = #"{"version":1,"last_count":{"files":1,"complete":true,"measured_at":"2027-01-15T08:00:00.000Z","duration_ms":1}}"#
        #expect(try StateDocument.decode(older, parameter: name).lastCount?.unreadableDirectories == 0)
    }

    /// Found by the reliability soak: a decode-encode cycle moved half of all millisecond
    /// values back by one (".357" became ".356"), so each run's rewrite of a pending drain
    /// shifted its start and changed the document's bytes.
    @Test func rewritingKeepsEveryMillisecond() throws {
        var changed: [String] = []
        for millisecond in 0..<1000 {
            let stamp = "2026-11-22T07:05:24." + String(1000 + millisecond).dropFirst() + "Z"
            var text = #"{"pending":{"availability_zone":"a","kind":"scale_in_drain","started_at":"\#(stamp)","subnet_id":"subnet-1"},"version":1}"#
            for _ in 0..<3 { text = try StateDocument.decode(text, parameter: name).encode(parameter: name) }
            if !text.contains(stamp) { changed.append(stamp) }
        }
        #expect(changed.count == 0, "rewritten timestamps drifted, e.g. \(changed.prefix(3))")
        let rounded = try StateDocument(lastActionCompletedAt: Date(timeIntervalSince1970: 1_800_000_000.9996)).encode(parameter: name)
        #expect(rounded.contains("2027-01-15T08:00:01.000Z"))
    }

    @Test func usesVersionedSnakeCaseJSON() throws {
        let text = try full.encode(parameter: name)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let count = try #require(object["last_count"] as? [String: Any])
        #expect(count["files"] as? Int == 123_456)
        #expect(count["duration_ms"] as? Int == 4321)
        #expect(count["complete"] as? Bool == true)
        #expect(count["measured_at"] as? String == "2027-01-15T08:00:00.250Z")
        let pending = try #require(object["pending"] as? [String: Any])
        #expect(pending["kind"] as? String == "scale_in_drain")
        #expect(pending["mount_target_id"] as? String == "fsmt-0c")
        #expect((object["lease"] as? [String: Any])?["owner"] as? String == "run-1")
        #expect(object["last_action_completed_at"] is String && object["low_signal_since"] is String)
    }

    static let malformed: [(String, DocumentError.Kind)] = [
        ("{", .notJSON),
        ("null", .wrongShape),
        (#"{"last_count":null}"#, .wrongShape),
        (#"{"version":"1"}"#, .wrongShape),
        (#"{"version":2}"#, .unsupportedVersion),
        (#"{"version":0}"#, .unsupportedVersion),
        (#"{"version":1,"last_count":{"files":"many"}}"#, .wrongShape),
        (#"{"version":1,"last_count":{"files":1,"complete":true,"measured_at":"yesterday","duration_ms":1}}"#, .wrongShape),
        (#"{"version":1,"pending":{"kind":"scale_sideways","availability_zone":"a","subnet_id":"s","started_at":"2027-01-15T08:00:00Z"}}"#, .wrongShape),
        (#"{"version":1,"lease":{"owner":"x"}}"#, .wrongShape),
        (#"{"version":1,"pad":""# + String(repeating: "x", count: 4100) + #""}"#, .tooLarge),
    ]

    @Test(arguments: malformed)
    func malformedStateIsAnErrorNamingTheParameter(_ text: String, _ kind: DocumentError.Kind) {
        #expect {
            _ = try StateDocument.decode(text, parameter: name)
        } throws: { error in
            guard let error = error as? DocumentError else { return false }
            return error.kind == kind && error.parameter == name
        }
    }

    @Test func acceptsTimestampsWithoutFractionsAndUnknownFields() throws {
        let text = #"{"version":1,"last_action_completed_at":"2027-01-15T08:00:00Z","note":"hand edited"}"#
        #expect(try StateDocument.decode(text, parameter: name).lastActionCompletedAt == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func refusesToWriteMoreThanFourKilobytes() {
        var document = full
        document.pending?.deploymentId = String(repeating: "d", count: 4096)
        #expect(throws: DocumentError.self) { try document.encode(parameter: name) }
    }
}
