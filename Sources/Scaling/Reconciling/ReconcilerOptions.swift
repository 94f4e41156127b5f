/// Tuning of one reconcile run. The defaults suit a Lambda with a 5 to 15 minute timeout.
public struct ReconcilerOptions: Sendable {
    /// Names this run in logs, the report and the lease.
    public var runId: String
    /// How long a taken lease settles before it is read back (must exceed one SSM get + put).
    public var leaseSettleSeconds: Double
    /// The lease outlives the deadline by this much, covering the final writes.
    public var leaseGraceSeconds: Double
    /// A fresh count stops this long before the deadline, keeping time to act on it.
    public var countReserveSeconds: Double
    /// Polling stops this long before the deadline, keeping time to record what is pending.
    public var safetyMarginSeconds: Double
    /// Waits between polls for `available`: short at first, then backing off; the last one repeats.
    public var pollIntervals: [Double]
    /// Observe-plan-execute rounds per run (a scale-out takes two: create and wait, then publish).
    public var maxRounds: Int

    public init(runId: String, leaseSettleSeconds: Double = 2, leaseGraceSeconds: Double = 30,
                countReserveSeconds: Double = 60, safetyMarginSeconds: Double = 5,
                pollIntervals: [Double] = [1, 2, 3, 5, 8, 13, 20], maxRounds: Int = 4) {
        self.runId = runId
        self.leaseSettleSeconds = leaseSettleSeconds
        self.leaseGraceSeconds = leaseGraceSeconds
        self.countReserveSeconds = countReserveSeconds
        self.safetyMarginSeconds = safetyMarginSeconds
        self.pollIntervals = pollIntervals.isEmpty ? [5] : pollIntervals
        self.maxRounds = max(1, maxRounds)
    }
}
