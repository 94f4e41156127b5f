/// What the planner decided for one observation: the target size, the steps to get closer to it,
/// and why. An empty `actions` list means the world already matches the policy.
public struct Plan: Sendable, Hashable {
    /// AZs holding a mount target that is not being drained.
    public var currentMountTargets: Int
    public var desiredMountTargets: Int
    public var actions: [PlannedAction]
    /// State to write when there are no actions but the clocks or the count cache moved on.
    /// (When there are actions, the state rides along in their `recordState` steps.)
    public var bookkeeping: StateDocument?
    /// What the published list should hold once the plan ran.
    public var published: MountTargetList
    /// A sentence for humans: what the plan does and why.
    public var reason: String
    /// Why the plan does not move towards `desiredMountTargets`, when it does not.
    public var hold: HoldReason?
    /// `hold`'s sentence.
    public var holdReason: String? { hold?.description }
    /// Every eligible AZ already has a mount target.
    public var allAZsServed: Bool
    /// The count is strictly greater than `FILE_COUNT_THRESHOLD` (the original's field).
    public var thresholdExceeded: Bool
    /// Mount targets whose security groups differ from `SECURITY_GROUP_ID`; the owned ones get a
    /// `setSecurityGroups` action.
    public var securityGroupDrift: [SecurityGroupDrift] = []
    /// Mount targets that are never deleted, and why.
    public var protected: [ProtectedMountTarget] = []
    /// Why a pending drain did not delete its mount target in this run (empty when none held).
    public var drainHeld: [DrainHold] = []
    /// Set when the run must fail although its actions may succeed: a drain reached
    /// `DRAIN_TIMEOUT_SECONDS` with users left (the mount target stays; someone must look).
    public var failure: String?

    /// Things an operator should know that are neither a hold nor an action (e.g. that the
    /// service gets the mount-target subnets because `SERVICE_SUBNET_IDS` is not set).
    public var notices: [String] = []
    /// Set when the run must fail although its actions may succeed: a pending create stayed
    /// `creating` past `SCALE_OUT_TIMEOUT_SECONDS` (it was cleaned up; Lambda's error path fires).
    public var scaleOutFailure: String?

    public var isEmpty: Bool { actions.isEmpty }
}
