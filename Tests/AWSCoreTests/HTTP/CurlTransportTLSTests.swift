import AWSCore
import Foundation
import Glibc
import Testing

/// TLS verification cannot be switched off: a server with a self-signed certificate (a real
/// `openssl s_server` on 127.0.0.1, certificate valid for that address) must be refused.
@Suite struct CurlTransportTLSTests {
    @Test func selfSignedCertificateIsRejected() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curl-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let log = directory.appendingPathComponent("server.log")

        let generate = try Self.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                                     "-addext", "subjectAltName=IP:127.0.0.1"])
        generate.waitUntilExit()
        try #require(generate.terminationStatus == 0)

        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        let server = try Self.run(["s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key, "-www"],
                                  output: try FileHandle(forWritingTo: log))
        // SIGKILL, not terminate(): children inherit the test runner's blocked-signal mask, which
        // includes SIGTERM, so a polite stop would never arrive and waitUntilExit would hang.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }

        // s_server prints `ACCEPT 127.0.0.1:<port>` once it listens.
        var port: Int?
        let deadline = ContinuousClock.now + .seconds(60)  // generous: a loaded CI machine is slow to fork
        while port == nil && ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") }
                .flatMap { $0.split(separator: ":").last }.flatMap { Int($0) }
            if port == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let listening = try #require(port)

        let error = await #expect(throws: HTTPTransportError.self) {
            try await CurlTransport().send(HTTPRequest(method: "GET", url: "https://127.0.0.1:\(listening)/"))
        }
        #expect(error?.kind == .tls)
        // CURLE_PEER_FAILED_VERIFICATION: the handshake worked, the certificate was refused.
        #expect(error?.detail.contains("curl code 60") == true)
    }

    private static func run(_ arguments: [String], output: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        try process.run()
        return process
    }
}
