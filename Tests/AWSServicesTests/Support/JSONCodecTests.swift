import AWSCore
import Foundation
import Testing
@testable import AWSServices

@Suite struct JSONCodecTests {
    struct Stamped: Decodable { var at: Date? }

    static func decode(_ json: String) throws -> Stamped {
        try JSONCodec.decode(Stamped.self, from: HTTPResponse(status: 200, body: Array(json.utf8)), service: .ssm, operation: "Op")
    }

    @Test(arguments: [
        (#"{"at": 1795317322.5}"#, 1795317322.5), (#"{"at": 0}"#, 0.0),
        (#"{"at": "2026-11-22T03:15:22.5Z"}"#, 1795317322.5), (#"{"at": "2026-11-22T05:15:22+02:00"}"#, 1795317322.0),
        (#"{"at": "1795317322"}"#, 1795317322.0),
    ])
    func timestampsInEitherSpelling(json: String, seconds: Double) throws {
        #expect(try Self.decode(json).at?.timeIntervalSince1970 == seconds)
    }

    @Test func nullAndAbsentAreNil() throws {
        #expect(try Self.decode(#"{"at": null}"#).at == nil)
        #expect(try Self.decode(#"{"other": 1}"#).at == nil)
        #expect(try Self.decode("").at == nil)
    }

    @Test func anUnreadableTimestampIsAResponseErrorNamingTheField() throws {
        let error = #expect(throws: ServiceResponseError.self) { try Self.decode(#"{"at": "yesterday"}"#) }
        #expect(error?.operation == "Op")
        #expect(error?.reason.contains("at") == true)
    }
}
