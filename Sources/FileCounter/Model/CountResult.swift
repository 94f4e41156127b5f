/// The outcome of one walk. Encoded with snake_case keys (the `count --json` contract) and with
/// the derived `skipped` and `files_per_second` included.
public struct CountResult: Sendable, Equatable, Codable {
    /// Regular files (each hard-link name counts, like `find -type f`).
    public var files: Int
    /// Directories whose entries were listed, the root included.
    public var directories: Int
    /// Symbolic links seen; never counted as files and never followed.
    public var symlinks: Int
    /// FIFOs, sockets, devices: seen, not counted.
    public var otherEntries: Int
    /// Directories that could not be opened or read; their contents are not in `files`.
    public var unreadableDirectories: Int
    /// Up to `CountResult.maximumExamples` of them, as "path: reason".
    public var unreadableExamples: [String]
    /// Directories whose listing was reused from the previous walk (`IncrementalFileCounter`);
    /// they are included in `directories`.
    public var reusedDirectories: Int
    public var elapsedMs: Int
    /// `false` when a deadline or a cancellation stopped the walk early: `files` is then a lower
    /// bound, not the count.
    public var complete: Bool

    public static let maximumExamples = 5

    public init(
        files: Int, directories: Int, symlinks: Int, otherEntries: Int,
        unreadableDirectories: Int, unreadableExamples: [String], reusedDirectories: Int = 0,
        elapsedMs: Int, complete: Bool
    ) {
        self.files = files
        self.directories = directories
        self.symlinks = symlinks
        self.otherEntries = otherEntries
        self.unreadableDirectories = unreadableDirectories
        self.unreadableExamples = unreadableExamples
        self.reusedDirectories = reusedDirectories
        self.elapsedMs = elapsedMs
        self.complete = complete
    }

    /// Entries seen but not counted.
    public var skipped: Int { symlinks + otherEntries }

    public var filesPerSecond: Double {
        elapsedMs > 0 ? Double(files) * 1000 / Double(elapsedMs) : Double(files) * 1000
    }

    enum CodingKeys: String, CodingKey {
        case files, directories, symlinks, skipped, complete
        case otherEntries = "other_entries"
        case unreadableDirectories = "unreadable_directories"
        case unreadableExamples = "unreadable_examples"
        case reusedDirectories = "reused_directories"
        case elapsedMs = "elapsed_ms"
        case filesPerSecond = "files_per_second"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            files: try c.decode(Int.self, forKey: .files),
            directories: try c.decode(Int.self, forKey: .directories),
            symlinks: try c.decode(Int.self, forKey: .symlinks),
            otherEntries: try c.decode(Int.self, forKey: .otherEntries),
            unreadableDirectories: try c.decode(Int.self, forKey: .unreadableDirectories),
            unreadableExamples: try c.decode([String].self, forKey: .unreadableExamples),
            reusedDirectories: try c.decodeIfPresent(Int.self, forKey: .reusedDirectories) ?? 0,
            elapsedMs: try c.decode(Int.self, forKey: .elapsedMs),
            complete: try c.decode(Bool.self, forKey: .complete)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(files, forKey: .files)
        try c.encode(directories, forKey: .directories)
        try c.encode(symlinks, forKey: .symlinks)
        try c.encode(otherEntries, forKey: .otherEntries)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(unreadableDirectories, forKey: .unreadableDirectories)
        try c.encode(unreadableExamples, forKey: .unreadableExamples)
        try c.encode(reusedDirectories, forKey: .reusedDirectories)
        try c.encode(elapsedMs, forKey: .elapsedMs)
        try c.encode((filesPerSecond * 10).rounded() / 10, forKey: .filesPerSecond)
        try c.encode(complete, forKey: .complete)
    }
}
