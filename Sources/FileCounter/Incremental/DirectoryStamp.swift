import Glibc

/// What says a directory's listing is unchanged: same inode on the same device, and the same
/// modification and status-change times (adding, removing or renaming an entry updates both).
struct DirectoryStamp: Sendable, Equatable {
    let device: UInt64
    let inode: UInt64
    let modified: timespec
    let changed: timespec

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    /// True when both times are older than `instant` (wall clock): a listing taken after that is
    /// safe to reuse. A change in the same clock tick as the listing could otherwise leave the
    /// times equal while the listing missed the entry.
    func isOlder(than instant: timespec) -> Bool {
        Self.less(modified, instant) && Self.less(changed, instant)
    }

    static func == (a: DirectoryStamp, b: DirectoryStamp) -> Bool {
        a.device == b.device && a.inode == b.inode
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }

    private static func less(_ a: timespec, _ b: timespec) -> Bool {
        a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec)
    }
}
