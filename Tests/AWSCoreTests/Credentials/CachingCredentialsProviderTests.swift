import Synchronization
import Testing
import SigV4
import TestSupport
@testable import AWSCore

/// A provider that counts fetches and hands out credentials expiring at a settable time.
final class CountingProvider: CredentialsProvider {
    let name = "counting"
    private let state = Mutex<(fetches: Int, expiresAt: Double?, failNext: Bool)>((0, nil, false))
    let delay: Duration

    init(expiresAt: Double?, delay: Duration = .zero) {
        self.delay = delay
        state.withLock { $0.expiresAt = expiresAt }
    }

    var fetches: Int { state.withLock { $0.fetches } }
    func setExpiry(_ t: Double?) { state.withLock { $0.expiresAt = t } }
    func failNextFetch() { state.withLock { $0.failNext = true } }

    func credentials() async throws -> AWSCredentials {
        if delay > .zero { try await Task.sleep(for: delay) }
        let (n, expiry, fail) = state.withLock { s in
            s.fetches += 1
            defer { s.failNext = false }
            return (s.fetches, s.expiresAt, s.failNext)
        }
        if fail { throw CredentialsError.failed(name, "scripted failure") }
        return AWSCredentials(accessKeyId: "AKID\(n)", secretAccessKey: "s", sessionToken: "t", expiration: expiry)
    }
}

@Suite struct CachingCredentialsProviderTests {
    @Test func temporaryCredentialsAreRefreshedFiveMinutesBeforeExpiry() async throws {
        let clock = ManualClock()
        let base = CountingProvider(expiresAt: clock.epochSeconds + 3600)
        let cache = CachingCredentialsProvider(base, now: clock.epochSecondsSource)
        #expect(try await cache.credentials().accessKeyId == "AKID1")
        clock.advance(by: 3600 - 301)
        #expect(try await cache.credentials().accessKeyId == "AKID1")
        #expect(base.fetches == 1)
        clock.advance(by: 2) // now 299 s before expiry: inside the window
        #expect(try await cache.credentials().accessKeyId == "AKID2")
        #expect(base.fetches == 2)
        #expect(await cache.source == "counting")
    }

    @Test func longTermCredentialsAreFetchedOnce() async throws {
        let clock = ManualClock()
        let base = CountingProvider(expiresAt: nil)
        let cache = CachingCredentialsProvider(base, now: clock.epochSecondsSource)
        for _ in 0..<5 { _ = try await cache.credentials(); clock.advance(by: 86_400) }
        #expect(base.fetches == 1)
        await cache.invalidate()
        _ = try await cache.credentials()
        #expect(base.fetches == 2)
    }

    @Test func failedRefreshKeepsStillValidCredentialsButNeverExpiredOnes() async throws {
        let clock = ManualClock()
        let base = CountingProvider(expiresAt: clock.epochSeconds + 600)
        let cache = CachingCredentialsProvider(base, now: clock.epochSecondsSource)
        _ = try await cache.credentials()
        clock.advance(by: 400) // inside the refresh window, not expired
        base.failNextFetch()
        #expect(try await cache.credentials().accessKeyId == "AKID1")
        clock.advance(by: 300) // expired now
        base.failNextFetch()
        await #expect(throws: CredentialsError.self) { try await cache.credentials() }
        #expect(try await cache.credentials().accessKeyId == "AKID4")
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let base = CountingProvider(expiresAt: nil, delay: .milliseconds(100))
        let cache = CachingCredentialsProvider(base)
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ids.count == 20 && Set(ids) == ["AKID1"])
        #expect(base.fetches == 1)
    }
}
