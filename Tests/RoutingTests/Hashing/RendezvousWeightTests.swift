import Foundation
import Routing
import Testing

@Suite struct RendezvousWeightTests {
    /// The weight is documented so any language can reproduce it; check it against Python's
    /// hashlib, an implementation independent of ours, for a few pairs including non-ASCII.
    @Test func matchesTheDocumentedDefinitionInPython() throws {
        let pairs = [("fsmt-0123456789abcdef0", "/data/a.txt"), ("fsmt-1", ""), ("", "/x"), ("fsmt-é", "/répertoire/ファイル")]
        let script = """
        import hashlib, json, sys
        for id, path in json.load(sys.stdin):
            i = id.encode(); m = len(i).to_bytes(4, "big") + i + path.encode()
            print(int.from_bytes(hashlib.sha256(m).digest()[:8], "big"))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: pairs.map { [$0.0, $0.1] }))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let expected = text.split(separator: "\n").map { UInt64($0)! }
        #expect(expected == pairs.map { RendezvousWeight.weight(mountTargetId: $0.0, path: $0.1) })
    }

    @Test func theLengthPrefixKeepsPairsApart() {
        #expect(RendezvousWeight.weight(mountTargetId: "ab", path: "c") != RendezvousWeight.weight(mountTargetId: "a", path: "bc"))
    }
}
