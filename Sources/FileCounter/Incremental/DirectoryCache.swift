import Glibc
import Synchronization

/// Per-directory results of the previous walk, and the ones recorded by the current walk.
/// Holds, per directory, its counts and its subdirectory names: memory grows with the number of
/// directories, never with the number of files.
final class DirectoryCache: Sendable {
    struct Entry: Sendable {
        let stamp: DirectoryStamp
        let files: Int
        let symlinks: Int
        let otherEntries: Int
        let subdirectories: [[UInt8]]
    }

    private let previous: [[UInt8]: Entry]
    private let recorded = Mutex<[[UInt8]: Entry]>([:])
    /// Listings whose directory changed after this instant are not recorded (see `DirectoryStamp`).
    let trustedBefore: timespec

    init(previous: [[UInt8]: Entry], safetyMargin: Duration) {
        self.previous = previous
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let (seconds, attoseconds) = safetyMargin.components
        var nanoseconds = Int(now.tv_nsec) - Int(attoseconds / 1_000_000_000)
        var wholeSeconds = Int(now.tv_sec) - Int(seconds)
        if nanoseconds < 0 {
            nanoseconds += 1_000_000_000
            wholeSeconds -= 1
        }
        trustedBefore = timespec(tv_sec: wholeSeconds, tv_nsec: nanoseconds)
    }

    func reusable(_ path: [UInt8], stamp: DirectoryStamp) -> Entry? {
        guard let entry = previous[path], entry.stamp == stamp else { return nil }
        return entry
    }

    func record(_ path: [UInt8], _ entry: Entry) {
        recorded.withLock { $0[path] = entry }
    }

    /// What the next walk starts from: this walk's records, and for an incomplete walk also the
    /// previous entries it did not get to.
    func next(complete: Bool) -> [[UInt8]: Entry] {
        let mine = recorded.withLock { $0 }
        return complete ? mine : previous.merging(mine) { _, new in new }
    }
}
