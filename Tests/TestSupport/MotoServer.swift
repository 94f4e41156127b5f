import AWSCore
import Foundation

/// A moto server (the local AWS emulator) on 127.0.0.1 with signature checking on, shared by
/// every test in one test process and torn down with it.
///
/// Started through `python/moto_runner.py`, which picks the port, exits when this process does
/// (even after a crash) and logs the requests it receives. Startup costs a second or two and
/// the first call to each service a few more (moto loads backends lazily), so tests share one
/// server and reset it per test (`Scenario.seed` does that); suites using it must be
/// `.serialized` and must not run in parallel with other suites using it — use
/// `MotoServer.exclusive { }` to serialize across suites.
///
/// If moto is not installed this throws `MotoServerError` with the fix: tests fail loudly,
/// they never skip.
public final class MotoServer: Sendable {
    public let endpoint: String
    public let port: Int
    private let process: Process

    /// How many calls after a reset moto lets through unsigned (the seeder's IAM bootstrap).
    public static let freeCalls = 3

    private init(endpoint: String, port: Int, process: Process) {
        self.endpoint = endpoint
        self.port = port
        self.process = process
    }

    deinit { process.terminate() }

    /// The process-wide server, started on first use.
    public static func shared() async throws -> MotoServer {
        try await SharedMoto.instance.get()
    }

    /// Runs `body` while no other test in this process uses the shared server.
    public static func exclusive<T: Sendable>(_ body: @Sendable (MotoServer) async throws -> T) async throws -> T {
        let server = try await shared()
        await SharedMoto.instance.lock()
        do {
            let result = try await body(server)
            await SharedMoto.instance.unlock()
            return result
        } catch {
            await SharedMoto.instance.unlock()
            throw error
        }
    }

    static func start() throws -> MotoServer {
        let script = TestSupportPaths.python("moto_runner.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--parent-pid", String(getpid())]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(freeCalls)
        environment["MOTO_ECS_SERVICE_RUNNING"] = environment["MOTO_ECS_SERVICE_RUNNING"] ?? "1"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw MotoServerError("cannot run python3 for moto (\(error)); run scripts/setup.sh")
        }
        // moto writes one line per request to stderr; drain it so the pipe never fills.
        let errorTail = OutputBuffer()
        stderr.fileHandleForReading.readabilityHandler = { handle in errorTail.append(handle.availableData) }
        let line = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.waitUntilExit()
            throw MotoServerError("moto did not start (is `moto[server]` installed? run scripts/setup.sh): \(errorTail.text)")
        }
        return MotoServer(endpoint: "http://127.0.0.1:\(port)", port: port, process: process)
    }

    /// Forgets every resource (`POST /moto-api/reset`) and re-arms the unsigned-call allowance
    /// (`POST /moto-api/reset-auth`, body = count, `text/plain`). `Scenario.seed` does this
    /// itself; call it directly only to start from an empty account.
    public func reset(freeCalls: Int = MotoServer.freeCalls) async throws {
        _ = try await call("POST", "/moto-api/reset")
        _ = try await call("POST", "/moto-api/reset-auth", body: String(freeCalls), contentType: "text/plain")
    }

    /// Requests moto received since the last `clearRequestLog()` (control endpoints excluded).
    public func requestLog() async throws -> [MotoRequestLogEntry] {
        try JSONDecoder().decode([MotoRequestLogEntry].self, from: Data(try await call("GET", "/_tests/requests")))
    }

    public func clearRequestLog() async throws {
        _ = try await call("POST", "/_tests/requests")
    }

    /// For `seconds` after its creation a mount target reads `creating` (moto makes them
    /// `available` at once, real EFS takes a minute or two). A reset sets it back to 0.
    public func setMountTargetCreatingSeconds(_ seconds: Double) async throws {
        _ = try await call("POST", "/_tests/mount-target-creating-seconds", body: String(seconds), contentType: "text/plain")
    }

    /// A call to the runner's control endpoint, through the production transport.
    private func call(_ method: String, _ path: String, body: String = "", contentType: String? = nil) async throws -> [UInt8] {
        var headers = HTTPHeaders()
        if let contentType { headers.add("Content-Type", contentType) }
        let request = HTTPRequest(method: method, url: endpoint + path, headers: headers, body: Array(body.utf8))
        let response = try await CurlTransport(environment: [:]).send(request)
        guard response.status == 200 else { throw MotoServerError("\(method) \(path) answered HTTP \(response.status)") }
        return response.body
    }
}

/// One request as moto's runner logged it.
public struct MotoRequestLogEntry: Decodable, Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: String
    /// `X-Amz-Target` for JSON services.
    public var target: String?
    /// The access key id from the `Authorization` header.
    public var accessKeyId: String?
    /// The `Name` field of a JSON-protocol request (the SSM parameter of Get/PutParameter).
    public var parameterName: String?
}

public struct MotoServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Starts the server once and hands out a simple async lock for exclusive use.
private actor SharedMoto {
    static let instance = SharedMoto()
    private var server: MotoServer?
    private var starting: Task<MotoServer, any Error>?
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func get() async throws -> MotoServer {
        if let server { return server }
        if starting == nil {
            starting = Task.detached { try MotoServer.start() }
        }
        let started = try await starting!.value
        server = started
        return started
    }

    func lock() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Collects a child's output from pipe callbacks (all of it, or only the last `limit` bytes
/// for error messages).
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private let limit: Int?
    init(limit: Int? = 4096) { self.limit = limit }
    func append(_ chunk: Data) {
        lock.lock()
        buffer.append(chunk)
        if let limit, buffer.count > limit { buffer = buffer.suffix(limit) }
        lock.unlock()
    }
    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
    var text: String { String(decoding: data, as: UTF8.self) }
}

/// Where the Python helpers live, found from this file's path so tests run from any directory.
enum TestSupportPaths {
    static func python(_ name: String, file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("python").appendingPathComponent(name).path
    }
}
