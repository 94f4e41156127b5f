/// Running totals of a walk in progress. Counts only grow; they are not final until the walk ends.
public struct CountProgress: Sendable, Equatable {
    public var files: Int
    public var directories: Int
    public var elapsedMs: Int

    public init(files: Int, directories: Int, elapsedMs: Int) {
        self.files = files
        self.directories = directories
        self.elapsedMs = elapsedMs
    }

    public var filesPerSecond: Double {
        elapsedMs > 0 ? Double(files) * 1000 / Double(elapsedMs) : 0
    }
}
