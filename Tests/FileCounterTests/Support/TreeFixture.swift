import FileCounter
import TestSupport

/// Runs `body` with a fresh tree and removes it afterwards, whatever happens.
func withTree<T>(_ prefix: String = "counter", _ body: (FileTree) async throws -> T) async throws -> T {
    let tree = try FileTree(prefix: prefix)
    defer { tree.remove() }
    return try await body(tree)
}

extension CountResult {
    /// The fields a reference walk can check, for one readable comparison.
    var shape: [String: Int] {
        ["files": files, "directories": directories, "symlinks": symlinks, "other": otherEntries,
         "unreadable": unreadableDirectories]
    }
}

extension ReferenceWalk {
    var shape: [String: Int] {
        ["files": files, "directories": directories, "symlinks": symlinks, "other": otherEntries,
         "unreadable": unreadableDirectories]
    }
}
