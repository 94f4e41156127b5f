import Synchronization

/// A counter for long-lived processes (the worker, a warm Lambda): it remembers each directory's
/// counts and subdirectories, and on the next walk skips re-listing a directory whose inode,
/// mtime and ctime are unchanged. Every directory is still opened and `fstat`ed (a file added deep
/// in the tree changes only its own directory's times), so the saving is the READDIR round trips,
/// which dominate in large directories.
///
/// A listing is only remembered when the directory's times are older than the walk's start minus
/// `safetyMargin`, so a change in the same timestamp tick as the listing, or a modest clock skew
/// with an NFS server, cannot make a stale listing look current.
public final class IncrementalFileCounter: Sendable {
    private struct State {
        var root = ""
        var recursive = true
        var entries: [[UInt8]: DirectoryCache.Entry] = [:]
    }

    private let state = Mutex(State())
    private let safetyMargin: Duration

    public init(safetyMargin: Duration = .seconds(2)) {
        self.safetyMargin = safetyMargin
    }

    /// Same contract as `FileCounter.count`; `CountResult.reusedDirectories` says how many
    /// listings came from the previous walk.
    public func count(root: String, options: CountOptions = CountOptions()) async throws(CountError) -> CountResult {
        // Listings remembered for another root or mode do not apply (a top-level walk does not
        // remember subdirectories).
        let previous = state.withLock { state in
            state.root == root && state.recursive == options.recursive ? state.entries : [:]
        }
        let cache = DirectoryCache(previous: previous, safetyMargin: safetyMargin)
        let result = try await FileCounter.count(root: root, options: options, cache: cache)
        state.withLock { $0 = State(root: root, recursive: options.recursive, entries: cache.next(complete: result.complete)) }
        return result
    }

    /// Forgets every remembered listing.
    public func reset() {
        state.withLock { $0 = State() }
    }
}
