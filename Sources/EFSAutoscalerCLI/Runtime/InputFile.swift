#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file named on the command line, or standard input for `-`.
enum InputFile {
    /// Refuses anything larger than `limit` bytes: an event or a list document is small, and a
    /// wrong path (a device, a huge log) must not exhaust memory.
    static func read(_ path: String, limit: Int = 8 * 1024 * 1024) throws -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
                guard bytes.count <= limit else { throw CommandFailure("\(name) is larger than \(limit) bytes") }
                continue
            }
            if count == 0 { return bytes }
            if errno == EINTR { continue }
            throw CommandFailure("cannot read \(name): \(String(cString: strerror(errno)))")
        }
    }
}
