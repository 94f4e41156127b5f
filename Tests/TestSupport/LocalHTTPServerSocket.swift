import Glibc

/// Thin POSIX socket calls for `LocalHTTPServer`, all on 127.0.0.1.
enum LocalHTTPServerSocket {
    struct SocketError: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// A listening socket on 127.0.0.1 with an OS-chosen port (or `port` when non-zero).
    static func listen(port: UInt16 = 0, backlog: Int32 = 128) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { let e = errno; close(fd); throw SocketError(call: "bind", code: e) }
        guard Glibc.listen(fd, backlog) == 0 else { let e = errno; close(fd); throw SocketError(call: "listen", code: e) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// Writes every byte; `false` when the peer has gone. Never raises SIGPIPE.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    /// Reads what is available (blocking for at least one byte); `nil` on EOF or error.
    static func receive(_ fd: Int32, max: Int = 64 * 1024) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, max, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            return Array(chunk[..<n])
        }
    }

    /// Waits up to `milliseconds` for the peer to close (or the socket to be shut down).
    /// Returns `true` if that happened before the time was up.
    static func waitForHangup(_ fd: Int32, milliseconds: Int) -> Bool {
        var remaining = milliseconds
        while true {
            // POLLRDHUP (0x2000) is Linux-only and hidden behind _GNU_SOURCE in the imported headers.
            var p = pollfd(fd: fd, events: 0x2000, revents: 0)
            let start = monotonicMilliseconds()
            let n = poll(&p, 1, Int32(clamping: remaining))
            if n < 0 && errno == EINTR {
                remaining -= monotonicMilliseconds() - start
                if remaining <= 0 { return false }
                continue
            }
            return n > 0
        }
    }

    /// Makes the next `close` send RST instead of FIN.
    static func setResetOnClose(_ fd: Int32) {
        var l = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
    }

    static func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
