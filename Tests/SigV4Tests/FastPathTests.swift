import Testing
@testable import SigV4

/// The byte-level fast paths must agree with the String-based reference code on every ASCII
/// input, including the awkward ones (dot segments, `%` escapes that decode to invalid UTF-8,
/// repeated and differently-cased headers, whitespace runs, default ports, userinfo).
@Suite struct FastPathTests {
    private static let pathBytes = Array("ab/./../%2F%zz~-_.:@!$'()*+,;= ".utf8)
    private static let queryBytes = Array("ab=&%20%FF%c3%a9%2+/?~-._:@".utf8)

    private func randomASCII(_ rng: inout SplitMix64, from alphabet: [UInt8], length: ClosedRange<Int>) -> String {
        String(decoding: (0..<rng.int(length)).map { _ in rng.pick(alphabet) }, as: UTF8.self)
    }

    @Test func canonicalURIMatchesReference() {
        var rng = SplitMix64(seed: 7)
        let fixed = ["", "/", "//", "/.", "/..", "/../a/", "a/b", "/a//b/./c/../d/", "/%41%2f", "./..", "/a/.."]
        let paths = fixed + (0..<3000).map { _ in randomASCII(&rng, from: Self.pathBytes, length: 0...24) }
        for path in paths {
            #expect(CanonicalRequest.canonicalURI(path) == CanonicalRequestReference.canonicalURI(path), "path \(path.debugDescription)")
        }
    }

    @Test func canonicalQueryMatchesReference() {
        var rng = SplitMix64(seed: 11)
        let fixed = ["", "&", "a", "a=", "=b", "a=1&a=0&A=2", "b=%FF&a=%c3%a9", "x=%2", "%zz=1&&c"]
        let queries = fixed + (0..<3000).map { _ in randomASCII(&rng, from: Self.queryBytes, length: 0...30) }
        for query in queries {
            #expect(CanonicalRequest.canonicalQuery(query) == CanonicalRequestReference.canonicalQuery(query), "query \(query.debugDescription)")
        }
    }

    @Test func canonicalHeadersMatchReference() {
        var rng = SplitMix64(seed: 13)
        let names = ["Host", "host", "X-Amz-Date", "x-amz-meta-a", "X-AMZ-META-A", "User-Agent", "Expect", "My-Header", "a", "Transfer-Encoding", "Z"]
        let values = ["", " ", "v", "  v  w ", "a\tb", "x\r\n y", "é ü", "1,2", "trailing ", " leading"]
        for _ in 0..<2000 {
            let headers = (0..<rng.int(0...6)).map { _ in (name: rng.pick(names), value: rng.pick(values)) }
            let ours = CanonicalRequest.canonicalHeaders(headers)
            let reference = CanonicalRequestReference.canonicalHeaders(headers)
            #expect(ours.map(\.name) == reference.map(\.name) && ours.map(\.value) == reference.map(\.value), "headers \(headers)")
        }
    }

    @Test func canonicalValueMatchesTheGeneralCollapse() {
        var rng = SplitMix64(seed: 19)
        let alphabet = Array("ab \t\r\n,é".utf8)
        let fixed = ["", " ", "a", "a ", " a", "a  b", "a b", "a\tb", "a b ", "é"]
        let values = fixed + (0..<3000).map { _ in randomASCII(&rng, from: alphabet, length: 0...12) }
        for value in values {
            #expect(CanonicalRequest.canonicalValue(value) == CanonicalRequest.collapsedValue(value), "value \(value.debugDescription)")
        }
    }

    @Test func requestTargetMatchesStringParser() {
        var rng = SplitMix64(seed: 17)
        let pieces = ["https://", "http://", "HTTPS://", "ftp://", "user:pw@", "Host.Example", ":443", ":80", ":8080",
                      "/", "/a", "?", "q=1", "#frag", "@", "//", "a"]
        for _ in 0..<3000 {
            let url = (0..<rng.int(1...6)).map { _ in rng.pick(pieces) }.joined()
            #expect(RequestTarget(url: url) == RequestTarget(unicodeURL: url), "url \(url.debugDescription)")
        }
    }

    @Test func hmacHandlesKeysOfEveryLength() {
        // RFC 4231 test case 6: a 131-byte key is hashed first.
        let longKey = [UInt8](repeating: 0xAA, count: 131)
        #expect(Digest.hex(Digest.hmacSHA256(key: longKey, data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // RFC 4231 test case 4: a 25-byte key.
        let key = (1...25).map { UInt8($0) }
        #expect(Digest.hex(Digest.hmacSHA256(key: key, data: [UInt8](repeating: 0xCD, count: 50)))
                == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }
}
