import Foundation
import Testing
@testable import SigV4

/// Differential test: our signer and botocore's, on the same randomized requests, must
/// produce the same Authorization header. botocore is an independent implementation that
/// AWS itself ships, so agreement on odd paths, queries, whitespace and unicode is strong
/// evidence that AWS will accept our signatures too.
@Suite struct BotocoreDifferentialTests {
    static let requestCount = 500

    @Test func agreesWithBotocoreOnRandomRequests() throws {
        var rng = SplitMix64(seed: 0x5167_4e34)
        let requests = (0..<Self.requestCount).map { _ in RandomRequest(using: &rng) }

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("botocore_sign.py")
        let input = try requests.map { String(decoding: try JSONSerialization.data(withJSONObject: $0.botocoreJSON), as: UTF8.self) }.joined(separator: "\n") + "\n"
        let output = try runPython(script: script.path, stdin: input)
        let lines = output.split(separator: "\n")
        try #require(lines.count == requests.count, "botocore printed \(lines.count) lines for \(requests.count) requests")

        var mismatches = 0
        for (request, line) in zip(requests, lines) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            let ours = request.signWithOurs()
            if ours.authorization != object["authorization"] {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("mismatch for \(request.method) \(request.url) params \(request.params) headers \(request.headers)\nours:     \(ours.authorization)\nbotocore: \(object["authorization"] ?? "nil")\ncanonical:\n\(ours.canonicalRequest.text)")
                }
            }
        }
        #expect(mismatches == 0)
    }

    private func runPython(script: String, stdin: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Write on a separate thread so a full stdout pipe cannot deadlock us.
        let writer = Thread { inPipe.fileHandleForWriting.write(Data(stdin.utf8)); try? inPipe.fileHandleForWriting.close() }
        writer.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "botocore signer failed: \(String(decoding: err, as: UTF8.self))")
        return String(decoding: out, as: UTF8.self)
    }
}

/// A request with the awkward parts SigV4 implementations get wrong.
struct RandomRequest {
    var method: String
    var url: String          // scheme://host[:port]/wire-path (no query)
    var params: [(String, String)]
    var headers: [(String, String)]
    var body: String
    var time: Double
    var region: String
    var service: String
    var credentials: AWSCredentials

    init(using rng: inout SplitMix64) {
        method = rng.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"])
        let host = rng.pick(["example.amazonaws.com", "ssm.eu-west-1.amazonaws.com", "127.0.0.1:5000", "localhost:4566", "EC2.us-east-1.AmazonAWS.com"])
        let scheme = host.contains(":") ? "http" : "https"
        let segments = (0..<rng.int(0...5)).map { _ in rng.pick(["", ".", "..", "a", "2015-02-01", "mount-targets", "fsmt-0123abcd", rng.string(1...8, from: .pathy), rng.string(1...4, from: .unicode)]) }
        var path = "/" + segments.map { PercentEncoding.encode($0) }.joined(separator: "/")
        if rng.bool() { path += "/" }
        url = "\(scheme)://\(host)\(path)"
        params = (0..<rng.int(0...4)).map { _ in (rng.string(1...6, from: .queryish), rng.string(0...6, from: rng.bool() ? .queryish : .unicode)) }
        if rng.bool(), let first = params.first { params.append((first.0, rng.string(0...3, from: .queryish))) }
        let names = ["Content-Type", "X-Amz-Target", "My-Header", "x-custom", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Accept", "X-Amz-Meta-Thing"]
        headers = (0..<rng.int(0...5)).map { _ in
            let name = rng.pick(names)
            let casedName = rng.bool() ? name.lowercased() : (rng.bool() ? name.uppercased() : name)
            var value = rng.string(0...12, from: rng.bool() ? .headerish : .unicode)
            if rng.bool() { value = "  " + value + " \t" }
            if rng.bool() { value = value.replacingOccurrences(of: " ", with: "   ") }
            return (casedName, value)
        }
        body = rng.bool() ? "" : rng.string(0...40, from: rng.bool() ? .headerish : .unicode)
        time = Double(rng.int(1_400_000_000...1_900_000_000))
        region = rng.pick(["us-east-1", "ap-northeast-1", "eu-central-1", "cn-north-1", "us-gov-west-1"])
        service = rng.pick(["elasticfilesystem", "ec2", "ssm", "ecs", "sts", "service"])
        credentials = AWSCredentials(
            accessKeyId: "AKIA" + rng.string(16...16, from: .upperAlnum),
            secretAccessKey: rng.string(40...40, from: .secret),
            sessionToken: rng.bool() ? rng.string(20...120, from: .secret) : nil)
    }

    var fullURL: String {
        guard !params.isEmpty else { return url }
        return url + "?" + params.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
    }

    var payloadHash: String { Digest.sha256Hex(Array(body.utf8)) }

    var botocoreJSON: [String: Any] {
        var json: [String: Any] = [
            "method": method, "url": url, "params": params.map { [$0.0, $0.1] },
            "headers": headers.map { [$0.0, $0.1] }, "body": body, "time": time,
            "region": region, "service": service, "payload_hash": payloadHash,
            "access_key": credentials.accessKeyId, "secret_key": credentials.secretAccessKey,
        ]
        if let token = credentials.sessionToken { json["token"] = token }
        return json
    }

    func signWithOurs() -> SigV4Signer.Signature {
        SigV4Signer(region: region, service: service).signature(
            method: method, url: fullURL, headers: headers, payloadHash: payloadHash,
            credentials: credentials, secondsSince1970: time)
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func bool() -> Bool { next() & 1 == 1 }
    mutating func pick<T>(_ options: [T]) -> T { options[int(0...(options.count - 1))] }

    enum Alphabet {
        case pathy, queryish, headerish, unicode, upperAlnum, secret
        var characters: [Character] {
            switch self {
            case .pathy: Array("abcXYZ019-._~!$&'()*+,;=:@% ")
            case .queryish: Array("abcXYZ019-._~ /?:+=&%#[]")
            case .headerish: Array("abc XYZ 019-._~\"(),/:;<=>?@[]{}\t")
            case .unicode: Array("héllo wörld ሴ 日本語 🚀 ñ")
            case .upperAlnum: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            case .secret: Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+=")
            }
        }
    }

    mutating func string(_ length: ClosedRange<Int>, from alphabet: Alphabet) -> String {
        let chars = alphabet.characters
        return String((0..<int(length)).map { _ in pick(chars) })
    }
}
