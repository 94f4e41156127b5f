import Glibc

/// The obviously-correct walk the counter is checked against: recursive, one thread, `lstat` on
/// every entry (so it does not trust `d_type`), directories by full path.
struct ReferenceWalk {
    var files = 0
    var directories = 0
    var symlinks = 0
    var otherEntries = 0
    var unreadableDirectories = 0

    init(_ root: String, recursive: Bool = true) {
        walk(Array(root.utf8), recursive: recursive)
    }

    private mutating func walk(_ path: [UInt8], recursive: Bool) {
        guard let stream = withCPath(path, { opendir($0) }) else {
            unreadableDirectories += 1
            return
        }
        defer { closedir(stream) }
        directories += 1
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let child = path + [0x2F] + name
            var info = stat()
            guard withCPath(child, { lstat($0, &info) }) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files += 1
            case S_IFDIR: if recursive { walk(child, recursive: true) }
            case S_IFLNK: symlinks += 1
            default: otherEntries += 1
            }
        }
    }

    private func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }
}
