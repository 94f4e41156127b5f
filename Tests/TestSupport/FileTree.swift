import Foundation
import Glibc

/// A scratch directory tree on disk, built with raw system calls so tests can create what
/// `FileManager` cannot: FIFOs, sockets, names with newlines or invalid UTF-8, mode-000
/// directories. The root is world-traversable (0755) so a walk as another user can reach inside.
/// Call `remove()` when done (it restores permissions first).
public final class FileTree: @unchecked Sendable {
    public let root: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public init(prefix: String = "filetree") throws {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "mkdtemp: \(String(cString: strerror(errno)))")
        }
        root = String(cString: made)
        try check(Glibc.chmod(root, 0o755), "chmod", root)
    }

    public func path(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    /// Creates `relative` and any missing parents.
    public func directory(_ relative: String) throws {
        var current = root
        for component in relative.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { try fail("mkdir", current) }
        }
    }

    public func file(_ relative: String) throws {
        try file(rawPath: Array(path(relative).utf8))
    }

    /// A file whose relative path is arbitrary bytes (no NUL): names with newlines, invalid UTF-8.
    public func file(rawRelativePath: [UInt8]) throws {
        try file(rawPath: Array(root.utf8) + [0x2F] + rawRelativePath)
    }

    /// A directory whose relative path is arbitrary bytes; its parent must exist.
    public func directory(rawRelativePath: [UInt8]) throws {
        let full = Array(root.utf8) + [0x2F] + rawRelativePath
        guard withCPath(full, { mkdir($0, 0o755) }) == 0 else { try fail("mkdir", String(decoding: full, as: UTF8.self)) }
    }

    /// `count` empty files named `<prefix><i>` in `directory`, with one open/close each: fast
    /// enough for 100k entries in about a second.
    public func files(count: Int, in directory: String = "", prefix: String = "f") throws {
        let base = path(directory) + "/" + prefix
        for index in 0..<count {
            let fd = open(base + String(index), O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            guard fd >= 0 else { try fail("open", base + String(index)) }
            close(fd)
        }
    }

    public func symlink(_ relative: String, to target: String) throws {
        try check(Glibc.symlink(target, path(relative)), "symlink", path(relative))
    }

    public func hardLink(_ relative: String, to existing: String) throws {
        try check(Glibc.link(path(existing), path(relative)), "link", path(relative))
    }

    public func fifo(_ relative: String) throws {
        try check(mkfifo(path(relative), 0o644), "mkfifo", path(relative))
    }

    /// A bound unix-domain socket file (the socket itself is closed; the file stays).
    public func socket(_ relative: String) throws {
        let full = path(relative)
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { try fail("socket", full) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(full.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw Failure(description: "socket path too long: \(full)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try check(rc, "bind", full)
    }

    public func chmod(_ relative: String, _ mode: mode_t) throws {
        try check(Glibc.chmod(path(relative), mode), "chmod", path(relative))
    }

    /// Deletes the tree, first giving every directory back its permissions.
    public func remove() {
        shell("chmod -R u+rwx \"$1\" 2>/dev/null; rm -rf \"$1\"")
    }

    /// Empties the tree, keeping its root.
    public func clear() {
        shell("chmod -R u+rwx \"$1\" 2>/dev/null; find \"$1\" -mindepth 1 -delete")
    }

    private func shell(_ script: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", root]
        try? process.run()
        process.waitUntilExit()
    }

    private func file(rawPath: [UInt8]) throws {
        let fd = withCPath(rawPath) { open($0, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { try fail("open", String(decoding: rawPath, as: UTF8.self)) }
        close(fd)
    }

    private func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    private func check(_ rc: Int32, _ call: String, _ path: String) throws {
        if rc != 0 { try fail(call, path) }
    }

    private func fail(_ call: String, _ path: String) throws -> Never {
        throw Failure(description: "\(call) \(path): \(String(cString: strerror(errno)))")
    }
}
