/// Random trees for property tests, reproducible from a seed: nested and empty directories,
/// files, hard links, symlinks to files, to directories, dangling and looping, and FIFOs.
public enum FileTreeGenerator {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    public struct SeededGenerator: RandomNumberGenerator {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fills `tree` (which should be empty) with a random tree derived from `seed`.
    public static func populate(_ tree: FileTree, seed: UInt64, maxDepth: Int = 4, maxEntries: Int = 10) throws {
        var random = SeededGenerator(seed: seed)
        var files: [String] = []
        var directories: [String] = [""]
        try fill("", depth: 0, maxDepth: maxDepth, maxEntries: maxEntries, tree: tree, random: &random,
                 files: &files, directories: &directories)
        // Links are made after the tree exists so that they can point anywhere in it.
        let linkCount = Int.random(in: 0...max(1, directories.count), using: &random)
        for index in 0..<linkCount {
            let home = directories.randomElement(using: &random)!
            let name = (home.isEmpty ? "" : home + "/") + "link\(index)"
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !files.isEmpty: try tree.symlink(name, to: tree.path(files.randomElement(using: &random)!))
            case 1: try tree.symlink(name, to: tree.path(directories.randomElement(using: &random)!))
            case 2: try tree.symlink(name, to: "missing-\(index)")
            case 3: try tree.symlink(name, to: ".")
            default:
                if let existing = files.randomElement(using: &random) { try tree.hardLink(name, to: existing) }
            }
        }
    }

    private static func fill(
        _ directory: String, depth: Int, maxDepth: Int, maxEntries: Int, tree: FileTree,
        random: inout SeededGenerator, files: inout [String], directories: inout [String]
    ) throws {
        let prefix = directory.isEmpty ? "" : directory + "/"
        // The root always gets a few entries, so that no seed yields a trivial tree.
        let minimum = depth == 0 ? maxEntries / 2 + 1 : 0
        for index in 0..<Int.random(in: minimum...max(minimum, maxEntries), using: &random) {
            let roll = Int.random(in: 0..<100, using: &random)
            // The root's first entry is a directory, so every tree has depth.
            if (roll < 25 || (depth == 0 && index == 0)) && depth < maxDepth {
                let child = prefix + "d\(index)"
                try tree.directory(child)
                directories.append(child)
                try fill(child, depth: depth + 1, maxDepth: maxDepth, maxEntries: maxEntries, tree: tree,
                         random: &random, files: &files, directories: &directories)
            } else if roll < 97 {
                let name = prefix + (roll % 7 == 0 ? ".hidden\(index)" : "f\(index)")
                try tree.file(name)
                files.append(name)
            } else {
                try tree.fifo(prefix + "p\(index)")
            }
        }
    }
}
