import FileCounter
import Glibc
import TestSupport
import Testing

@Suite struct FileCounterTreeTests {
    @Test func countsNestedAndEmptyDirectories() async throws {
        try await withTree { tree in
            try tree.directory("a/b/c/d")
            try tree.directory("empty")
            try tree.directory("a/empty-too")
            try tree.file("top")
            try tree.file(".hidden")
            try tree.file("a/one")
            try tree.file("a/b/two")
            try tree.file("a/b/c/d/three")
            let result = try await FileCounter.count(root: tree.root)
            #expect(result.files == 5)
            // root, a, a/b, a/b/c, a/b/c/d, empty, a/empty-too
            #expect(result.directories == 7)
            #expect(result.skipped == 0)
            #expect(result.unreadableDirectories == 0)
            #expect(result.complete)
        }
    }

    @Test func emptyRootCountsNothing() async throws {
        try await withTree { tree in
            let result = try await FileCounter.count(root: tree.root)
            #expect(result.shape == ["files": 0, "directories": 1, "symlinks": 0, "other": 0, "unreadable": 0])
            #expect(result.complete)
        }
    }

    @Test func symlinksAreSkippedAndNeverFollowed() async throws {
        try await withTree { tree in
            try tree.directory("real")
            try tree.files(count: 10, in: "real")
            try tree.file("target")
            try tree.symlink("to-file", to: tree.path("target"))
            try tree.symlink("to-dir", to: tree.path("real"))  // would add 10 files if followed
            try tree.symlink("dangling", to: "nowhere")
            try tree.symlink("real/loop", to: "..")  // a loop: following it never ends
            try tree.symlink("self", to: "self")
            let result = try await FileCounter.count(root: tree.root)
            #expect(result.files == 11)
            #expect(result.symlinks == 5)
            #expect(result.skipped == 5)
            #expect(result.directories == 2)
            #expect(result.complete)
        }
    }

    @Test func fifosAndSocketsAreOtherEntries() async throws {
        try await withTree { tree in
            try tree.file("regular")
            try tree.fifo("pipe")
            try tree.socket("sock")
            let result = try await FileCounter.count(root: tree.root)
            #expect(result.files == 1)
            #expect(result.otherEntries == 2)
            #expect(result.symlinks == 0)
            #expect(result.skipped == 2)
        }
    }

    @Test func hardLinksCountEachName() async throws {
        try await withTree { tree in
            try tree.file("original")
            try tree.hardLink("second", to: "original")
            let result = try await FileCounter.count(root: tree.root)
            #expect(result.files == 2)  // like `find -type f`
        }
    }

    @Test func namesWithNewlinesAndInvalidUTF8() async throws {
        try await withTree { tree in
            let oddDirectory: [UInt8] = [0xC3, 0x28, 0x0A]  // an invalid 2-byte sequence, then a newline
            try tree.file(rawRelativePath: Array("line\nbreak".utf8))
            try tree.file(rawRelativePath: [0x66, 0xFF, 0xFE, 0x0A, 0x80])  // not UTF-8, with a newline
            try tree.directory(rawRelativePath: oddDirectory)
            try tree.file(rawRelativePath: oddDirectory + [0x2F, 0x0A, 0xFF])
            let result = try await FileCounter.count(root: tree.root)
            let reference = ReferenceWalk(tree.root)
            #expect(result.shape == reference.shape)
            #expect(result.files == 3)
            #expect(result.directories == 2)
        }
    }

    @Test func topLevelOnlyCountsTheRootsOwnFiles() async throws {
        try await withTree { tree in
            try tree.files(count: 3)
            try tree.directory("sub/deeper")
            try tree.files(count: 4, in: "sub")
            try tree.files(count: 5, in: "sub/deeper")
            try tree.symlink("link", to: "sub")
            let topLevel = try await FileCounter.count(root: tree.root, options: CountOptions(recursive: false))
            #expect(topLevel.files == 3)
            #expect(topLevel.directories == 1)
            #expect(topLevel.symlinks == 1)
            #expect(topLevel.complete)
            let recursive = try await FileCounter.count(root: tree.root)
            #expect(recursive.files == 12)
        }
    }

    @Test func aDirectoryWith100kEntries() async throws {
        try await withTree { tree in
            try tree.directory("big")
            try tree.files(count: 100_000, in: "big")
            try tree.directory("big/sub")
            try tree.file("big/sub/one")
            let result = try await FileCounter.count(root: tree.root, options: CountOptions(concurrency: 4))
            #expect(result.files == 100_001)
            #expect(result.directories == 3)
            #expect(result.complete)
        }
    }

    @Test func rootSymlinkIsFollowedButNothingBelowIs() async throws {
        try await withTree { tree in
            try tree.directory("real")
            try tree.files(count: 2, in: "real")
            try tree.symlink("entry", to: tree.path("real"))
            let result = try await FileCounter.count(root: tree.path("entry"))
            #expect(result.files == 2)
        }
    }
}
