import Foundation
import Testing
@testable import SigV4

/// The official AWS SigV4 test suite (the copy botocore ships), data-driven from
/// `Fixtures/aws4_testsuite`. Every case must match its canonical request, string to sign
/// and Authorization header, including the four botocore skips, which we pass.
@Suite struct OfficialSuiteTests {
    static let suiteRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/aws4_testsuite")
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    /// 20150830T123600Z
    static let time: Double = 1_440_938_160

    static let cases: [String] = {
        let fm = FileManager.default
        let enumerator = fm.enumerator(atPath: suiteRoot.path)!
        var found: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".req") { found.append(String(item.dropLast(4))) }
        }
        return found.sorted()
    }()

    @Test func suiteIsComplete() {
        #expect(Self.cases.count == 34)
    }

    @Test(arguments: cases)
    func signsLikeTheSuite(_ casePath: String) throws {
        let base = Self.suiteRoot.appendingPathComponent(casePath)
        func read(_ ext: String) throws -> String {
            try String(contentsOf: base.appendingPathExtension(ext), encoding: .utf8)
        }
        let request = try SuiteRequest(parsing: read("req"))
        let expectedCreq = try read("creq")
        var credentials = Self.credentials
        // A token the signer must add itself appears only in the expected canonical request.
        if casePath.hasSuffix("post-sts-header-after") {
            credentials.sessionToken = nil
        } else if let line = expectedCreq.split(separator: "\n").first(where: { $0.hasPrefix("x-amz-security-token:") }) {
            credentials.sessionToken = String(line.dropFirst("x-amz-security-token:".count))
        }
        let signer = SigV4Signer(region: "us-east-1", service: "service", includeContentSHA256: false, keyCache: SigningKeyCache())
        let signature = signer.signature(
            method: request.method, url: "https://example.amazonaws.com" + request.target,
            headers: request.headers, payloadHash: Digest.sha256Hex(request.body),
            credentials: credentials, secondsSince1970: Self.time)
        #expect(signature.canonicalRequest.text == expectedCreq)
        #expect(signature.stringToSign == (try read("sts")))
        #expect(signature.authorization == (try read("authz")))
    }
}

/// A raw request from the suite: request line, headers with folded continuation lines, body.
struct SuiteRequest {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(parsing text: String) throws {
        let (head, body) = text.splitOnce("\n\n")
        self.body = Array(body.utf8)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        // The target may contain spaces (normalize-path/get-space): method, then everything up to " HTTP/".
        let firstSpace = try #require(requestLine.firstIndex(of: " "))
        let versionStart = try #require(requestLine.range(of: " HTTP/", options: .backwards))
        method = String(requestLine[..<firstSpace])
        target = String(requestLine[requestLine.index(after: firstSpace)..<versionStart.lowerBound])
        headers = []
        for line in lines where !line.isEmpty {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line
                continue
            }
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
    }
}

extension String {
    func splitOnce(_ separator: String) -> (String, String) {
        guard let r = range(of: separator) else { return (self, "") }
        return (String(self[..<r.lowerBound]), String(self[r.upperBound...]))
    }
}
