import Foundation
import LambdaRuntime
import Logging
import Testing

@Suite struct JSONLogHandlerTests {
    @Test func writesOneJSONObjectPerLineWithMetadata() throws {
        let capture = LogCapture()
        var logger = capture.logger(level: .info)
        logger[metadataKey: "aws_request_id"] = "req-1"
        logger.debug("dropped below the level")
        logger.info("line one\nstill \"one\" line", metadata: ["count": "42", "zones": ["a", "b"], "nested": ["k": "v"], "message": "not the message"])
        let records = try capture.records()
        try #require(records.count == 1)
        let record = records[0]
        #expect(record["message"] as? String == "line one\nstill \"one\" line")
        #expect(record["level"] as? String == "info")
        #expect(record["logger"] as? String == "efs-autoscaler")
        #expect(record["aws_request_id"] as? String == "req-1")
        #expect(record["count"] as? String == "42")
        #expect(record["zones"] as? [String] == ["a", "b"])
        #expect(record["nested"] as? [String: String] == ["k": "v"])
        let timestamp = try #require(record["timestamp"] as? String)
        let parsed = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: timestamp))
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
    }
}

private extension ISO8601DateFormatter {
    static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
