import FileCounter
import Glibc
import TestSupport
import Testing

/// The incremental counter must give the same numbers as a fresh walk after any change, while
/// re-listing only the directories that changed.
@Suite struct IncrementalFileCounterTests {
    /// Short margin for tests; the tree is left to age past it before a listing can be remembered.
    private static let margin = Duration.milliseconds(30)

    private static func age() async throws { try await Task.sleep(for: .milliseconds(80)) }

    @Test func fileAddedDeepInTheTreeIsCountedAndOnlyItsDirectoryIsReListed() async throws {
        try await withTree("incremental") { tree in
            try tree.directory("a/b/c/d/e")
            try tree.directory("x/y")
            for directory in ["", "a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e", "x", "x/y"] {
                try tree.files(count: 3, in: directory)
            }
            try await Self.age()
            let counter = IncrementalFileCounter(safetyMargin: Self.margin)
            let first = try await counter.count(root: tree.root)
            #expect(first.files == 24)
            #expect(first.reusedDirectories == 0)

            let second = try await counter.count(root: tree.root)
            #expect(second.files == 24)
            #expect(second.directories == 8)
            #expect(second.reusedDirectories == 8)

            try tree.file("a/b/c/d/e/new")
            try await Self.age()
            let third = try await counter.count(root: tree.root)
            #expect(third.files == 25)
            #expect(third.reusedDirectories == 7)
            #expect(third.complete)
        }
    }

    @Test func newRemovedAndRenamedEntriesAreSeen() async throws {
        try await withTree("incremental") { tree in
            try tree.directory("keep/deep")
            try tree.files(count: 4, in: "keep/deep")
            try tree.files(count: 2, in: "keep")
            try await Self.age()
            let counter = IncrementalFileCounter(safetyMargin: Self.margin)
            _ = try await counter.count(root: tree.root)

            try tree.directory("keep/deep/newdir/inner")  // a new subtree under an old directory
            try tree.files(count: 5, in: "keep/deep/newdir/inner")
            #expect(unlink(tree.path("keep/f0")) == 0)
            #expect(rename(tree.path("keep/f1"), tree.path("keep/deep/moved")) == 0)
            try tree.symlink("keep/link", to: "deep")
            try await Self.age()
            let result = try await counter.count(root: tree.root)
            #expect(result.shape == ReferenceWalk(tree.root).shape)
            #expect(result.files == 4 + 1 + 5)
        }
    }

    @Test func changeInsideTheSafetyMarginIsNotTrusted() async throws {
        try await withTree("incremental") { tree in
            try tree.directory("d")
            try tree.files(count: 2, in: "d")
            // No ageing: the listings are younger than the margin, so none may be remembered.
            let counter = IncrementalFileCounter(safetyMargin: .seconds(60))
            _ = try await counter.count(root: tree.root)
            try tree.file("d/late")
            let result = try await counter.count(root: tree.root)
            #expect(result.reusedDirectories == 0)
            #expect(result.files == 3)
        }
    }

    @Test func switchingModeOrRootStartsAfresh() async throws {
        try await withTree("incremental") { tree in
            try tree.directory("sub")
            try tree.files(count: 2)
            try tree.files(count: 3, in: "sub")
            try await Self.age()
            let counter = IncrementalFileCounter(safetyMargin: Self.margin)
            let topLevel = try await counter.count(root: tree.root, options: CountOptions(recursive: false))
            #expect(topLevel.files == 2)
            let recursive = try await counter.count(root: tree.root)
            #expect(recursive.files == 5)  // a top-level listing remembers no subdirectories
            let other = try await counter.count(root: tree.path("sub"))
            #expect(other.files == 3)
            #expect(other.reusedDirectories == 0)
        }
    }

    @Test(arguments: [3, 8, 21] as [UInt64])
    func randomChangesMatchTheReferenceWalk(seed: UInt64) async throws {
        try await withTree("incremental") { tree in
            try FileTreeGenerator.populate(tree, seed: seed, maxDepth: 4, maxEntries: 8)
            try await Self.age()
            let counter = IncrementalFileCounter(safetyMargin: Self.margin)
            var random = FileTreeGenerator.SeededGenerator(seed: seed)
            for round in 0..<3 {
                let result = try await counter.count(root: tree.root, options: CountOptions(concurrency: 4))
                #expect(result.shape == ReferenceWalk(tree.root).shape, "seed \(seed), round \(round)")
                // Add a file and a directory at random existing directories.
                let directories = try Self.directories(under: tree.root)
                let target = directories.randomElement(using: &random)!
                try tree.file(String(target.dropFirst(tree.root.count).drop { $0 == "/" }) + "/added\(round)")
                let other = directories.randomElement(using: &random)!
                try tree.directory(String(other.dropFirst(tree.root.count).drop { $0 == "/" }) + "/newdir\(round)")
                try await Self.age()
            }
            let final = try await counter.count(root: tree.root)
            #expect(final.shape == ReferenceWalk(tree.root).shape)
            #expect(final.reusedDirectories > 0)
        }
    }

    private static func directories(under root: String) throws -> [String] {
        var result = [root]
        var index = 0
        while index < result.count {
            let directory = result[index]
            index += 1
            guard let stream = opendir(directory) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." && entry.pointee.d_type == 4 { result.append(directory + "/" + name) }
            }
        }
        return result
    }
}
