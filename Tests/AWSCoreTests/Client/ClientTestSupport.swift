import Logging
import Synchronization
import SigV4
@testable import AWSCore

/// Records the delays a retry loop asked to sleep, without sleeping.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    var all: [Double] { delays.withLock { $0 } }
    var sleep: @Sendable (Double) async throws -> Void { { d in self.delays.withLock { $0.append(d) } } }
}

/// Sleeps for real and records, for each sleep, the delay and the time the deadline still had
/// when the sleep began: the property "never sleep past the deadline" is then checked exactly,
/// independent of how late a loaded machine wakes the task up. (Tests allow 20 ms between the
/// client's check and this closure reading the clock.)
final class DeadlineSleepRecorder: Sendable {
    let deadline: Deadline
    private let entries = Mutex<[(delay: Double, remaining: Double)]>([])
    init(deadline: Deadline) { self.deadline = deadline }
    var all: [(delay: Double, remaining: Double)] { entries.withLock { $0 } }
    var sleep: @Sendable (Double) async throws -> Void {
        { d in
            let remaining = self.deadline.remainingSeconds
            self.entries.withLock { $0.append((d, remaining)) }
            try await Task.sleep(for: .seconds(d))
        }
    }
}

enum ClientFixture {
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                            sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN//////////wEaDLONGSESSIONTOKEN")
    static let now: Double = 1_795_317_289

    struct Static: CredentialsProvider {
        let name = "static"
        func credentials() async throws -> AWSCredentials { ClientFixture.credentials }
    }

    static func client(_ transport: any HTTPTransport, baseURL: String = "http://127.0.0.1:9", maxAttempts: Int = 3,
                       quota: RetryQuota = RetryQuota(), sleeper: SleepRecorder? = SleepRecorder(), random: Double = 0.5,
                       sleep: (@Sendable (Double) async throws -> Void)? = nil,
                       logger: Logger = ClientFixture.silentLogger,
                       now: @escaping @Sendable () -> Double = { ClientFixture.now }) -> AWSClient {
        var policy = RetryPolicy(maxAttempts: maxAttempts, quota: quota, random: { random })
        if let sleeper { policy.sleep = sleeper.sleep }
        if let sleep { policy.sleep = sleep }
        return AWSClient(transport: transport, credentials: Static(), region: "eu-west-1",
                         environment: ["AWS_ENDPOINT_URL": baseURL], retryPolicy: policy, logger: logger, now: now)
    }

    static let silentLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func ssmGet(idempotent: Bool = true) -> AWSServiceRequest {
        AWSServiceRequest(service: .ssm, operation: "GetParameter", body: Array(#"{"Name":"/p"}"#.utf8), idempotent: idempotent)
    }
}
