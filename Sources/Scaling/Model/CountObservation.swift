#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One measurement of the signal: how many regular files the tree holds.
public struct FileCount: Sendable, Hashable, Codable {
    public var files: Int
    /// `false` when the walk stopped early (deadline) or skipped unreadable directories:
    /// then `files` is only a lower bound and must never justify a scale-in.
    public var complete: Bool
    public var measuredAt: Date
    public var durationMs: Int

    public init(files: Int, complete: Bool, measuredAt: Date, durationMs: Int) {
        self.files = files
        self.complete = complete
        self.measuredAt = measuredAt
        self.durationMs = durationMs
    }

    /// The state document's field names.
    enum CodingKeys: String, CodingKey {
        case files, complete
        case measuredAt = "measured_at"
        case durationMs = "duration_ms"
    }
}

/// The signal as the planner sees it: a count (fresh or reused from the state document) or the
/// reason there is none. A missing signal is never zero.
public enum CountObservation: Sendable, Hashable {
    case counted(FileCount, cached: Bool)
    case failed(reason: String)

    /// The count when it is complete, i.e. usable for any decision.
    public var completeCount: FileCount? {
        if case .counted(let count, _) = self, count.complete { return count }
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
