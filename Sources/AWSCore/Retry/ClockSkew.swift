import Synchronization

/// The offset between our clock and AWS's, learnt from a rejected request's `Date` header.
///
/// A container or laptop whose clock drifts more than the 5-minute SigV4 window gets every
/// request rejected; the SDKs then sign with `now + offset`. Shared across a client's calls so
/// the correction is learnt once.
public final class ClockSkew: Sendable {
    /// Codes AWS uses when the signature time is outside its window.
    public static let skewCodes: Set<String> = [
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
        "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure",
    ]
    /// Below this the clocks are considered in agreement (AWS allows 5 minutes).
    public static let threshold: Double = 240

    private let offset = Mutex<Double>(0)

    public init() {}

    /// Seconds to add to local time to get AWS time.
    public var seconds: Double { offset.withLock { $0 } }

    /// If `error` is a skew-type rejection and the response's `Date` is more than 4 minutes
    /// from `localNow`, stores the offset and returns `true` (the request may be retried once).
    public func correct(after error: AWSError, dateHeader: String?, localNow: Double) -> Bool {
        guard Self.skewCodes.contains(error.code), let dateHeader,
              let server = Timestamp.parseHTTPDate(dateHeader) else { return false }
        let delta = server - localNow
        let current = seconds
        guard abs(delta - current) > Self.threshold else { return false }
        offset.withLock { $0 = delta }
        return true
    }
}
