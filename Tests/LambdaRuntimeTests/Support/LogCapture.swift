import Foundation
import LambdaRuntime
import Logging
import Synchronization

/// Collects what a `JSONLogHandler` writes, and parses it back.
final class LogCapture: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func logger(level: Logger.Level = .debug) -> Logger {
        Logger(label: "efs-autoscaler") { [self] label in
            JSONLogHandler(label: label, level: level) { line in self.storage.withLock { $0.append(line) } }
        }
    }

    /// Every line as a JSON object; a line that is not one fails the test that reads it.
    func records() throws -> [[String: Any]] {
        try lines.map { line in
            guard line.hasSuffix("\n"), line.dropLast().firstIndex(of: "\n") == nil,
                  let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "not one JSON object per line: \(line)"])
            }
            return object
        }
    }

    func messages() throws -> [String] { try records().compactMap { $0["message"] as? String } }
}
