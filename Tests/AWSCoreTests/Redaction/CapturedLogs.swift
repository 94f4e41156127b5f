import InMemoryLogging
import Logging

/// swift-log's `InMemoryLogHandler`, with each entry rendered as one line (level, message,
/// metadata) so tests can assert what was logged, and that no secret was.
enum CapturingLogHandler {
    struct Store {
        let handler: InMemoryLogHandler
        var all: [String] {
            handler.entries.map { entry in
                let rendered = entry.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return "\(entry.level) \(entry.message) \(rendered)"
            }
        }
    }

    /// A logger at `trace` writing into a fresh store.
    static func logger() -> (Logger, Store) {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        return (Logger(label: "test") { [handler] _ in handler }, Store(handler: handler))
    }
}
