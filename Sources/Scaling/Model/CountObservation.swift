#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One measurement of the signal: how many regular files the tree holds.
public struct FileCount: Sendable, Hashable, Codable {
    public var files: Int
    /// `false` when the walk stopped early (deadline): then `files` is only a lower bound and
    /// must never justify a scale-in.
    public var complete: Bool
    public var measuredAt: Date
    public var durationMs: Int
    /// Directories the walk could not open or read (EACCES, EIO, ESTALE, …). Their files are not
    /// in `files`, so a count with any is a lower bound even when `complete`: it may justify
    /// growth, never a scale-in.
    public var unreadableDirectories: Int
    /// A few of them (at most `maximumUnreadableExamples`), as "path: reason". Reported, not
    /// kept in the state document (its 4 KB ceiling).
    public var unreadableExamples: [String]

    public static let maximumUnreadableExamples = 5

    public init(files: Int, complete: Bool, measuredAt: Date, durationMs: Int, unreadableDirectories: Int = 0,
                unreadableExamples: [String] = []) {
        self.files = files
        self.complete = complete
        self.measuredAt = measuredAt
        self.durationMs = durationMs
        self.unreadableDirectories = unreadableDirectories
        self.unreadableExamples = Array(unreadableExamples.prefix(Self.maximumUnreadableExamples))
    }

    /// Every directory was read: the count is the count, not a lower bound.
    public var isExact: Bool { complete && unreadableDirectories == 0 }

    /// The state document's field names.
    enum CodingKeys: String, CodingKey {
        case files, complete
        case measuredAt = "measured_at"
        case durationMs = "duration_ms"
        case unreadableDirectories = "unreadable_directories"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decode(Int.self, forKey: .files)
        complete = try container.decode(Bool.self, forKey: .complete)
        measuredAt = try container.decode(Date.self, forKey: .measuredAt)
        durationMs = try container.decode(Int.self, forKey: .durationMs)
        // Documents written before the field existed could not tell: they read as 0, as then.
        unreadableDirectories = try container.decodeIfPresent(Int.self, forKey: .unreadableDirectories) ?? 0
        unreadableExamples = []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(complete, forKey: .complete)
        try container.encode(measuredAt, forKey: .measuredAt)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(unreadableDirectories, forKey: .unreadableDirectories)
    }
}

/// The signal as the planner sees it: a count (fresh or reused from the state document) or the
/// reason there is none. A missing signal is never zero.
public enum CountObservation: Sendable, Hashable {
    case counted(FileCount, cached: Bool)
    case failed(reason: String)

    /// The count when it is complete, i.e. usable for growth (it may still be a lower bound:
    /// see `exactCount`).
    public var completeCount: FileCount? {
        if case .counted(let count, _) = self, count.complete { return count }
        return nil
    }

    /// The count when it is complete *and* every directory was read: the only count a scale-in
    /// may rest on.
    public var exactCount: FileCount? {
        if case .counted(let count, _) = self, count.isExact { return count }
        return nil
    }

    public var fileCount: FileCount? {
        if case .counted(let count, _) = self { return count }
        return nil
    }

    public var isCached: Bool {
        if case .counted(_, let cached) = self { return cached }
        return false
    }
}

extension FileCount {
    /// The count as the state document writes it (the lock item's stored count uses this too).
    public func json() throws(DocumentError) -> String {
        do {
            return String(decoding: try DocumentCoding.encoder().encode(self), as: UTF8.self)
        } catch {
            throw DocumentError(parameter: "last_count", kind: .wrongShape, detail: "cannot encode: \(error)")
        }
    }

    public static func decode(_ text: String, parameter: String) throws(DocumentError) -> FileCount {
        try DocumentCoding.decode(FileCount.self, from: text, parameter: parameter)
    }
}
