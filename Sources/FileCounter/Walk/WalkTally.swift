/// One worker's counts, merged when the workers finish.
struct WalkTally: Sendable {
    var files = 0
    var directories = 0
    var symlinks = 0
    var otherEntries = 0
    var unreadableDirectories = 0
    var reusedDirectories = 0

    mutating func merge(_ other: WalkTally) {
        files += other.files
        directories += other.directories
        symlinks += other.symlinks
        otherEntries += other.otherEntries
        unreadableDirectories += other.unreadableDirectories
        reusedDirectories += other.reusedDirectories
    }
}
