import FileCounter
import Foundation
import Testing

@Suite struct CountResultCodingTests {
    private let result = CountResult(
        files: 1200, directories: 30, symlinks: 4, otherEntries: 2, unreadableDirectories: 1,
        unreadableExamples: ["/data/x: Permission denied"], elapsedMs: 600, complete: false)

    @Test func encodesTheCountJSONContract() throws {
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(object["files"] as? Int == 1200)
        #expect(object["directories"] as? Int == 30)
        #expect(object["skipped"] as? Int == 6)
        #expect(object["unreadable_directories"] as? Int == 1)
        #expect(object["unreadable_examples"] as? [String] == ["/data/x: Permission denied"])
        #expect(object["complete"] as? Bool == false)
        #expect(object["elapsed_ms"] as? Int == 600)
        #expect(object["files_per_second"] as? Double == 2000)
    }

    @Test func roundTrips() throws {
        let decoded = try JSONDecoder().decode(CountResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }
}
