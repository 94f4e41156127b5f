import Foundation
import Testing
@testable import SigV4

@Suite struct SignerUnitTests {
    let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "TOKEN-VALUE-123")

    @Test func timestampMatchesFoundationOnRandomInstants() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var rng = SplitMix64(seed: 42)
        let instants = [0, 951_782_400 /* 2000-02-29 */, 4_107_542_399 /* 2100-02-28T23:59:59 */] + (0..<2000).map { _ in rng.int(0...4_102_444_800) }
        for t in instants {
            let ours = SigV4Timestamp(secondsSince1970: Double(t))
            #expect(ours.amzDate == formatter.string(from: Date(timeIntervalSince1970: Double(t))), "t=\(t)")
            #expect(ours.day == String(ours.amzDate.prefix(8)))
        }
    }

    @Test func addsHostDateContentHashTokenAndAuthorization() {
        let headers = SigV4Signer(region: "eu-west-1", service: "ssm").sign(
            method: "POST", url: "http://127.0.0.1:5000/", headers: [("Content-Type", "application/x-amz-json-1.1")],
            body: Array("{}".utf8), credentials: credentials, date: Date(timeIntervalSince1970: 1_440_938_160))
        let names = headers.map(\.name)
        #expect(names == ["Host", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token", "Authorization"])
        #expect(headers[0].value == "127.0.0.1:5000")
        #expect(headers[1].value == "20150830T123600Z")
        #expect(headers[2].value == Digest.sha256Hex(Array("{}".utf8)))
        #expect(headers[3].value == "TOKEN-VALUE-123")
        let authorization = headers[4].value
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/ssm/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature="))
    }

    @Test func defaultPortsAreLeftOutOfHostAsCurlDoes() {
        for (url, host) in [("https://ssm.us-east-1.amazonaws.com:443/", "ssm.us-east-1.amazonaws.com"),
                            ("http://localhost:80/x", "localhost"),
                            ("https://ECS.us-east-1.amazonaws.com/", "ecs.us-east-1.amazonaws.com"),
                            ("http://127.0.0.1:8080/", "127.0.0.1:8080")] {
            #expect(RequestTarget(url: url)?.host == host)
        }
    }

    @Test func neverSignsHopByHopOrTracingHeaders() {
        let sig = SigV4Signer(region: "us-east-1", service: "ecs").signature(
            method: "POST", url: "https://ecs.us-east-1.amazonaws.com/",
            headers: [("User-Agent", "x"), ("Expect", "100-continue"), ("X-Amzn-Trace-Id", "Root=1"), ("Authorization", "stale"), ("X-Amz-Date", "19990101T000000Z")],
            payloadHash: Digest.sha256Hex([]), credentials: credentials, secondsSince1970: 0)
        #expect(sig.canonicalRequest.signedHeaders == "host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
        #expect(sig.canonicalRequest.text.contains("x-amz-date:19700101T000000Z"))
    }

    @Test func signingKeyIsDerivedOncePerDayRegionService() {
        let cache = SigningKeyCache()
        let signer = SigV4Signer(region: "us-east-1", service: "ssm", keyCache: cache)
        for i in 0..<50 {
            _ = signer.signature(method: "GET", url: "https://x/", headers: [], payloadHash: "", credentials: credentials, secondsSince1970: 1_700_000_000 + Double(i))
        }
        #expect(cache.count == 1)
        _ = signer.signature(method: "GET", url: "https://x/", headers: [], payloadHash: "", credentials: credentials, secondsSince1970: 1_700_000_000 + 86_400)
        #expect(cache.count == 2)
        // The cached key must equal a fresh derivation.
        let derived = SigV4Signer.deriveSigningKey(secret: credentials.secretAccessKey, day: "20231114", region: "us-east-1", service: "ssm")
        #expect(cache.key(secret: credentials.secretAccessKey, day: "20231114", region: "us-east-1", service: "ssm") == derived)
    }

    @Test func renderingNeverShowsSecretsOrSignatures() {
        let sig = SigV4Signer(region: "us-east-1", service: "ssm").signature(method: "GET", url: "https://x/", headers: [], payloadHash: "", credentials: credentials, secondsSince1970: 0)
        for rendered in ["\(credentials)", String(reflecting: credentials), "\(sig)"] {
            #expect(!rendered.contains(credentials.secretAccessKey))
            #expect(!rendered.contains("TOKEN-VALUE-123"))
            #expect(!rendered.contains(sig.signature))
        }
    }

    @Test func digestsMatchKnownVectors() {
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // RFC 4231 test case 2.
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
