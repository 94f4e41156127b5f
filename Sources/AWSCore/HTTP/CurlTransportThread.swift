#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached OS thread. The curl loop blocks in `curl_multi_poll`, which must never
/// happen on a Swift cooperative-pool thread, hence a real pthread rather than a `Task`.
enum CurlTransportThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Returns `errno`-style failure from `pthread_create`, or `nil` once the thread is running.
    static func detach(_ run: @escaping @Sendable () -> Void) -> Int32? {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return result
        }
        pthread_detach(thread)
        return nil
    }

    /// Blocks SIGPIPE for the calling thread only. OpenSSL may write to a socket the peer has
    /// reset; the signal is delivered to the writing thread, and with `CURLOPT_NOSIGNAL` libcurl
    /// no longer ignores it for us. Blocked, the write just fails with EPIPE. Process-wide
    /// signal dispositions are left alone (a library must not change them).
    static func blockSIGPIPE() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}
