import Glibc

/// Lists a directory file descriptor with `getdents64` and a caller-supplied large buffer, so a
/// file system that honours the buffer size (NFS does) answers a huge directory in few round
/// trips; glibc's `readdir` asks for 32 KiB at a time.
///
/// glibc only declares `getdents64` under `_GNU_SOURCE`, which Swift's Glibc module does not set,
/// and the variadic `syscall(2)` is not callable from Swift; the symbol (exported since glibc 2.30)
/// is therefore looked up once at run time. Where it is missing (another libc, a static binary),
/// the reader falls back to `fdopendir` + `readdir`, which is slower on NFS but correct.
enum DirectoryEntryReader {
    /// Entry types as the kernel reports them in `d_type`.
    enum EntryType {
        static let unknown: UInt8 = 0
        static let directory: UInt8 = 4
        static let regular: UInt8 = 8
        static let symlink: UInt8 = 10
    }

    private typealias GetDents64 = @convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int

    private struct Resolved: @unchecked Sendable { let function: GetDents64? }

    private static let resolved: Resolved = {
        // A nil handle is RTLD_DEFAULT: search the global symbol scope.
        guard let symbol = dlsym(nil, "getdents64") else { return Resolved(function: nil) }
        return Resolved(function: unsafeBitCast(symbol, to: GetDents64.self))
    }()

    /// True when the `getdents64` path is in use (reported by tests and benchmarks).
    static var usesGetdents64: Bool { resolved.function != nil }

    /// Calls `onEntry` with the NUL-terminated name and `d_type` of every entry except `.` and `..`,
    /// and `afterBatch` with the batch's size in bytes after each batch from the kernel;
    /// `afterBatch` returning false stops early.
    /// Returns 0 when the listing ended (or was stopped), else the `errno` of the failed read.
    static func read(
        fd: Int32,
        buffer: UnsafeMutableRawBufferPointer,
        onEntry: (UnsafePointer<CChar>, UInt8) -> Void,
        afterBatch: (Int) -> Bool
    ) -> Int32 {
        guard let getdents64 = resolved.function else {
            return readWithReaddir(fd: fd, onEntry: onEntry, afterBatch: afterBatch)
        }
        let base = buffer.baseAddress!
        while true {
            let count = getdents64(fd, base, buffer.count)
            if count == 0 { return 0 }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                return code
            }
            var offset = 0
            while offset < count {
                let record = base + offset
                // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                let length = Int(record.load(fromByteOffset: 16, as: UInt16.self))
                let type = record.load(fromByteOffset: 18, as: UInt8.self)
                let name = UnsafePointer((record + 19).assumingMemoryBound(to: CChar.self))
                if !isDotOrDotDot(name) { onEntry(name, type) }
                offset += length
            }
            if !afterBatch(count) { return 0 }
        }
    }

    private static func readWithReaddir(
        fd: Int32,
        onEntry: (UnsafePointer<CChar>, UInt8) -> Void,
        afterBatch: (Int) -> Bool
    ) -> Int32 {
        // fdopendir takes ownership of the descriptor it is given; the caller keeps its own.
        let copy = dup(fd)
        guard copy >= 0 else { return errno }
        guard let stream = fdopendir(copy) else {
            let code = errno
            close(copy)
            return code
        }
        defer { closedir(stream) }
        var entriesSinceBatch = 0
        while true {
            errno = 0
            guard let entry = readdir(stream) else { return errno }
            let type = entry.pointee.d_type
            withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    if !isDotOrDotDot(name) { onEntry(name, type) }
                }
            }
            entriesSinceBatch += 1
            if entriesSinceBatch == 1024 {
                entriesSinceBatch = 0
                if !afterBatch(0) { return 0 }
            }
        }
    }

    @inline(__always)
    static func isDotOrDotDot(_ name: UnsafePointer<CChar>) -> Bool {
        name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0))
    }
}
