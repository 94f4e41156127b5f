/// Tuning of one reconcile run. The defaults suit a Lambda with a 5 to 15 minute timeout.
public struct ReconcilerOptions: Sendable {
    /// Names this run in logs, the report and the lock.
    public var runId: String
    /// The lock outlives the deadline by this much, covering the final writes.
    public var leaseGraceSeconds: Double
    /// A fresh count stops this long before the deadline, keeping time to act on it. Callers
    /// that know the run's length pass `countReserve(forRunSeconds:)`; a fixed 60 s would leave
    /// a run of 60 s or less no time to count at all.
    public var countReserveSeconds: Double
    /// Polling stops this long before the deadline, keeping time to record what is pending.
    public var safetyMarginSeconds: Double
    /// Waits between polls for `available`: short at first, then backing off; the last one repeats.
    public var pollIntervals: [Double]
    /// Observe-plan-execute rounds per run (a scale-out takes two: create and wait, then publish).
    public var maxRounds: Int
    /// Asked between steps and between polls: `true` ends the run at that safe point as if the
    /// deadline had come (what is pending is recorded). The worker sets it on SIGTERM.
    public var stopRequested: @Sendable () -> Bool

    public init(runId: String, leaseGraceSeconds: Double = 30,
                countReserveSeconds: Double = 60, safetyMarginSeconds: Double = 5,
                pollIntervals: [Double] = [1, 2, 3, 5, 8, 13, 20], maxRounds: Int = 4,
                stopRequested: @escaping @Sendable () -> Bool = { false }) {
        self.stopRequested = stopRequested
        self.runId = runId
        self.leaseGraceSeconds = leaseGraceSeconds
        self.countReserveSeconds = countReserveSeconds
        self.safetyMarginSeconds = safetyMarginSeconds
        self.pollIntervals = pollIntervals.isEmpty ? [5] : pollIntervals
        self.maxRounds = max(1, maxRounds)
    }

    /// The longest reserve: one reconcile step (a create, a publish, a redeploy) fits in it.
    public static let maximumCountReserveSeconds: Double = 60

    /// The count reserve for a run of `seconds`: a quarter of the run, at most
    /// `maximumCountReserveSeconds`. The count thus always gets three quarters of a short run
    /// (22.5 s of the shortest Lambda timeout the Terraform module accepts, 30 s) and all but
    /// a minute of a long one; whatever the step left undone is recorded as pending and the
    /// next run resumes it.
    public static func countReserve(forRunSeconds seconds: Double) -> Double {
        guard seconds > 0 else { return 0 }  // also NaN
        return min(maximumCountReserveSeconds, seconds / 4)
    }
}
