import Scaling

/// Scripted failures for the fakes: "the next N calls of operation X fail", optionally *after*
/// the fake performed the call (the response was lost; the dangerous case for create).
public struct FaultInjector: Sendable {
    public enum Timing: Sendable { case before, after }

    public struct InjectedFault: Error, Sendable, Hashable, CustomStringConvertible {
        public var operation: String
        public var timing: Timing
        public var description: String { "injected fault in \(operation) (\(timing == .before ? "not performed" : "performed"))" }
    }

    private var scripted: [String: [Timing]] = [:]

    public init() {}

    public mutating func failNext(_ operation: String, times: Int = 1, timing: Timing = .before) {
        scripted[operation, default: []].append(contentsOf: Array(repeating: timing, count: times))
    }

    /// Consumes the next scripted fault for `operation`, if any.
    mutating func take(_ operation: String) -> Timing? {
        guard var queue = scripted[operation], !queue.isEmpty else { return nil }
        let timing = queue.removeFirst()
        scripted[operation] = queue
        return timing
    }

    public mutating func clear() { scripted = [:] }
}
