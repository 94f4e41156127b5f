import Glibc

/// An open directory and its path. Children are opened with `openat` relative to it, which saves
/// the per-component LOOKUP round trips a full path would cost on NFS; the handle (and its
/// descriptor) lives as long as any queued child still refers to it.
final class DirectoryHandle: @unchecked Sendable {
    let fd: Int32
    /// Raw path bytes: names need not be UTF-8.
    let path: [UInt8]
    private let counters: WalkCounters

    init(fd: Int32, path: [UInt8], counters: WalkCounters) {
        self.fd = fd
        self.path = path
        self.counters = counters
        counters.openHandles.add(1, ordering: .relaxed)
    }

    deinit {
        close(fd)
        counters.openHandles.subtract(1, ordering: .relaxed)
    }

    func childPath(_ name: [UInt8]) -> [UInt8] {
        var result = path
        if result.last != 0x2F { result.append(0x2F) }
        result.append(contentsOf: name)
        return result
    }
}
