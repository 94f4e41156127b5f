/// A unit of blocking work on the walk's queue. Jobs hold directory names only, never file names,
/// so the queue's size depends on the number of directories waiting, not on the file count.
enum WalkJob: Sendable {
    /// The root, opened (and validated) before the walk starts.
    case listOpened(DirectoryHandle)
    /// A subdirectory `name` of `base`; with no base (too many descriptors open), `name` is the
    /// full path.
    case list(base: DirectoryHandle?, name: [UInt8])
    /// Entries of `base` whose type the file system did not report (`DT_UNKNOWN`): each needs an
    /// `lstat`, spread across workers because on NFS each is a round trip.
    case classify(base: DirectoryHandle, names: [[UInt8]])
}
