import FileCounter
import TestSupport
import Testing

@Suite struct FileCounterErrorTests {
    @Test func missingRootIsAnErrorNamingThePath() async throws {
        let missing = "/tmp/definitely-missing-\(UInt64.random(in: 0...UInt64.max))"
        let error = await #expect(throws: CountError.self) {
            try await FileCounter.count(root: missing)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.path == missing)
        #expect(error?.description.contains(missing) == true)
    }

    @Test func fileRootIsAnErrorNamingThePath() async throws {
        try await withTree { tree in
            try tree.file("plain")
            let error = await #expect(throws: CountError.self) {
                try await FileCounter.count(root: tree.path("plain"))
            }
            #expect(error?.kind == .notADirectory)
            #expect(error?.description == "cannot count '\(tree.path("plain"))': not a directory")
        }
    }

    @Test func pathThroughAFileIsNotFound() async throws {
        try await withTree { tree in
            try tree.file("plain")
            let error = await #expect(throws: CountError.self) {
                try await FileCounter.count(root: tree.path("plain/below"))
            }
            #expect(error?.kind == .notFound)
            #expect(error?.path == tree.path("plain/below"))
        }
    }

    @Test(arguments: [0, -1, CountOptions.maximumConcurrency + 1])
    func invalidConcurrencyIsRejected(concurrency: Int) async throws {
        try await withTree { tree in
            let error = await #expect(throws: CountError.self) {
                try await FileCounter.count(root: tree.root, options: CountOptions(concurrency: concurrency))
            }
            #expect(error?.kind == .invalidOptions)
            #expect(error?.path == "concurrency")
        }
    }
}
