import Scaling
import TestSupport

/// The test clock drives the scaling core like `SystemClock` does (see `ManualClock`).
extension ManualClock: Scaling.Clock {}
