import Foundation
import Testing
@testable import AWSServices

@Suite struct AWSTimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0), ("2026-11-22T03:15:22.5Z", 1795317322.5),
        ("2026-11-22T05:15:22+02:00", 1795317322.0), ("2000-02-29T12:00:00", 951825600.0),
        ("2024-12-31T23:59:59.250-01:30", 1735694999.25),
    ])
    func parses(text: String, seconds: Double) {
        #expect(AWSTimestamp.parseISO8601(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "2026-13-01T00:00:00Z", "2026-11-22", "2026-11-22T03:15:22Zjunk", "yesterday", "2026-11-22T03:15:22."])
    func rejects(text: String) {
        #expect(AWSTimestamp.parseISO8601(text) == nil)
    }
}
