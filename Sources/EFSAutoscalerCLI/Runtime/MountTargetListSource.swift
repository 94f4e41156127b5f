#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `route` reads the published mount-target list document from.
protocol MountTargetListSource: Sendable {
    /// Names the source in errors (a file path, `standard input`, an SSM parameter name).
    var name: String { get }
    func fetch() async throws -> [UInt8]
}

/// `--list FILE` or `--list -` (standard input).
struct FileMountTargetListSource: MountTargetListSource {
    let path: String

    var name: String { path == "-" ? "standard input" : path }

    func fetch() async throws -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 { bytes += chunk[..<count]; continue }
            if count == 0 { return bytes }
            if errno == EINTR { continue }
            throw CommandFailure("cannot read \(name): \(String(cString: strerror(errno)))")
        }
    }
}

/// Hook for reading `SSM_PARAMETER_NAME` through the SSM client: wire it to AWSServices'
/// `GetParameter` (the parameter's value is the list document).
func makeSSMMountTargetListSource(parameterName: String, environment: [String: String]) throws -> any MountTargetListSource {
    throw CommandFailure("reading the list from SSM parameter \(parameterName) is not wired into this build yet; pass --list FILE or --list -")
}
