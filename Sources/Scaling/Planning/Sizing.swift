/// How many AZs the signal asks for, before clamping (DESIGN.md §2).
enum Sizing {
    /// What the signal says relative to the current size.
    enum Signal: Equatable {
        case grow(to: Int)
        case shrink(to: Int)
        case steady
    }

    static func signal(files: Int, current: Int, policy: Policy) -> Signal {
        if let perTarget = policy.filesPerMountTarget {
            // Proportional: `ceil(files / perTarget)`, but a change is only acted on when the
            // current size is more than 10 % off: grow when each mount target would carry over
            // 110 % of its share, shrink when one fewer would still carry at most 90 %.
            let up = ceilingDivide(files * 10, perTarget * 11)
            if up > current { return .grow(to: up) }
            let down = max(1, ceilingDivide(files * 10, perTarget * 9))
            if down < current { return .shrink(to: down) }
            return .steady
        }
        if files > policy.fileCountThreshold { return .grow(to: current + 1) }
        if let low = policy.scaleInThreshold, files < low { return .shrink(to: current - 1) }
        return .steady
    }

    static func ceilingDivide(_ numerator: Int, _ denominator: Int) -> Int {
        numerator <= 0 ? 0 : (numerator + denominator - 1) / denominator
    }
}
