@testable import FileCounter
import TestSupport
import Testing

/// The count equals a naive `lstat`-everything walk on random trees, whatever the concurrency,
/// and also when every entry type is reported as `DT_UNKNOWN` (as some NFS clients do).
@Suite struct FileCounterPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13, 21, 34]

    @Test(arguments: seeds)
    func matchesTheReferenceWalk(seed: UInt64) async throws {
        try await withTree("prop") { tree in
            try FileTreeGenerator.populate(tree, seed: seed, maxDepth: 5, maxEntries: 9)
            let reference = ReferenceWalk(tree.root)
            for concurrency in [1, 3, 16] {
                for unknownTypes in [false, true] {
                    var options = CountOptions(concurrency: concurrency)
                    options.treatEveryTypeAsUnknown = unknownTypes
                    let result = try await FileCounter.count(root: tree.root, options: options)
                    #expect(result.shape == reference.shape, "seed \(seed), concurrency \(concurrency), unknown types \(unknownTypes)")
                    #expect(result.complete)
                }
            }
            let topLevel = try await FileCounter.count(root: tree.root, options: CountOptions(recursive: false))
            #expect(topLevel.shape == ReferenceWalk(tree.root, recursive: false).shape, "seed \(seed), top level")
        }
    }

    @Test func generatedTreesAreNotTrivial() async throws {
        // Guards the property above against a generator that makes empty trees.
        try await withTree("prop") { tree in
            var symlinks = 0, others = 0
            for seed in Self.seeds {
                try FileTreeGenerator.populate(tree, seed: seed, maxDepth: 5, maxEntries: 9)
                let reference = ReferenceWalk(tree.root)
                #expect(reference.files > 3, "seed \(seed)")
                #expect(reference.directories > 1, "seed \(seed)")
                symlinks += reference.symlinks
                others += reference.otherEntries
                tree.clear()
            }
            #expect(symlinks > 0)
            #expect(others > 0)
        }
    }

    @Test(arguments: [1, 2, 3, 5] as [UInt64])
    func fullPathFallbackCountsTheSame(seed: UInt64) async throws {
        // With a descriptor budget of 1, no parent stays open: every subdirectory is opened by
        // its full path, as happens when a walk would exceed the process's descriptor limit.
        try await withTree("fallback") { tree in
            try FileTreeGenerator.populate(tree, seed: seed, maxDepth: 5, maxEntries: 9)
            var options = CountOptions(concurrency: 3)
            options.openHandleBudget = 1
            let result = try await FileCounter.count(root: tree.root, options: options)
            #expect(result.shape == ReferenceWalk(tree.root).shape)
        }
    }
}
