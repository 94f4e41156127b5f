#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Wall-clock time as seconds since 1970: what credential expiry and SigV4 dates are measured in.
/// Code that needs time takes a `@Sendable () -> Double` defaulting to this, so tests inject time.
public enum WallClock {
    public static func seconds() -> Double { Date().timeIntervalSince1970 }
}
