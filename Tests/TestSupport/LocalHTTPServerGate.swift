import Foundation

/// A one-way latch for `LocalHTTPServer` handlers: handlers call `wait()` (blocking their
/// connection thread, never the cooperative pool) until the test calls `open()`.
///
/// Use it to hold many requests in flight at once, or to model a long poll. `wait(timeout:)`
/// bounds the wait so a failing test cannot hang the suite.
public final class LocalHTTPServerGate: Sendable {
    private let condition = NSCondition()
    nonisolated(unsafe) private var isOpen = false

    public init() {}

    public func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Returns `true` if the gate opened, `false` if `timeout` seconds passed first.
    @discardableResult
    public func wait(timeout: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !isOpen {
            if !condition.wait(until: deadline) { return isOpen }
        }
        return true
    }
}
