import SigV4

/// Caches another provider's credentials and refreshes temporary ones five minutes before they
/// expire, with exactly one refresh in flight: concurrent callers await the same fetch, so 20
/// parallel requests after expiry cause one call to the credentials endpoint, not 20.
///
/// If a refresh fails while the cached credentials are still valid (inside the five-minute
/// window), the cached ones are returned; an expired cache is never used.
public actor CachingCredentialsProvider: CredentialsProvider {
    public nonisolated let name: String
    public nonisolated let base: any CredentialsProvider
    /// Seconds before expiry at which a refresh starts.
    public nonisolated let refreshWindow: Double
    private let now: @Sendable () -> Double
    private var cached: ResolvedCredentials?
    private var inFlight: Task<ResolvedCredentials, any Error>?

    /// - Parameter now: seconds since 1970; injectable so tests control expiry.
    public init(_ base: any CredentialsProvider, refreshWindow: Double = 300,
                now: @escaping @Sendable () -> Double = { WallClock.seconds() }) {
        self.base = base
        self.name = base.name
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials { try await resolve().credentials }

    public func resolve() async throws -> ResolvedCredentials {
        let t = now()
        if let cached, !needsRefresh(cached.credentials, at: t) { return cached }
        let task: Task<ResolvedCredentials, any Error>
        if let inFlight {
            task = inFlight
        } else {
            let base = self.base
            task = Task { try await base.resolve() }
            inFlight = task
        }
        do {
            let fresh = try await task.value
            if inFlight == task { inFlight = nil }
            cached = fresh
            return fresh
        } catch {
            if inFlight == task { inFlight = nil }
            if let cached, let expiration = cached.credentials.expiration, now() < expiration { return cached }
            throw error
        }
    }

    /// Drops the cache (e.g. after the service said the token expired).
    public func invalidate() { cached = nil }

    /// The source of the cached credentials, if any.
    public var source: String? { cached?.source }

    private func needsRefresh(_ credentials: AWSCredentials, at t: Double) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return t >= expiration - refreshWindow
    }
}
