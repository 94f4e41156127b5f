@testable import FileCounter
import Glibc
import TestSupport
import Testing

/// Unreadable directories are reported, not fatal. CI runs as root, and root reads a mode-000
/// directory anyway (CAP_DAC_OVERRIDE), so as root the walk runs on a thread whose file-system
/// user id is switched to `nobody` with `setfsuid`: Linux keeps credentials per thread, drops the
/// DAC capabilities from a thread whose fsuid leaves 0, and the walker's worker threads inherit
/// the credentials of the thread that creates them. As a non-root user the mode-000 directory is
/// unreadable as it is. The test first proves, on the same thread, that the directory really
/// cannot be opened, so it cannot pass without exercising the unreadable path.
@Suite struct FileCounterUnreadableTests {
    private typealias SetFSUID = @convention(c) (UInt32) -> Int32
    private static let nobody: UInt32 = 65534

    @Test func unreadableSubdirectoryIsReportedNotFatal() async throws {
        try await withTree("unreadable") { tree in
            try tree.directory("open")
            try tree.files(count: 3, in: "open")
            try tree.directory("locked/inside")
            try tree.files(count: 7, in: "locked")
            try tree.chmod("locked", 0o000)

            let outcome = try await Self.onThreadAsUnprivileged {
                let probe = open(tree.path("locked"), O_RDONLY | O_DIRECTORY)
                if probe >= 0 { close(probe) }
                let walk = try Walk(root: tree.root, options: CountOptions(concurrency: 4))
                return (probeFailed: probe < 0, result: walk.runBlocking())
            }
            try #require(outcome.probeFailed, "the locked directory must be unopenable for the walking thread")
            let result = outcome.result
            #expect(result.files == 3)
            #expect(result.unreadableDirectories == 1)
            #expect(result.unreadableExamples == ["\(tree.path("locked")): Permission denied"])
            #expect(result.directories == 2)  // root and open
            #expect(result.complete)  // every readable directory was read
        }
    }

    @Test func unreadableRootIsAnErrorNamingIt() async throws {
        try await withTree("unreadable-root") { tree in
            try tree.directory("locked")
            try tree.chmod("locked", 0o000)
            let error = try await Self.onThreadAsUnprivileged { () -> CountError? in
                do {
                    _ = try Walk(root: tree.path("locked"), options: CountOptions())
                    return nil
                } catch let error as CountError { return error }
            }
            #expect(error?.kind == .unreadable)
            #expect(error?.path == tree.path("locked"))
            #expect(error?.description.contains(tree.path("locked")) == true)
        }
    }

    /// Runs `body` on a new OS thread with fsuid `nobody` when the process is root; restores it.
    private static func onThreadAsUnprivileged<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let setfsuid: SetFSUID? = geteuid() == 0 ? dlsym(nil, "setfsuid").map { unsafeBitCast($0, to: SetFSUID.self) } : nil
        if geteuid() == 0 { try #require(setfsuid != nil, "setfsuid is needed to test as root") }
        return try await withCheckedThrowingContinuation { continuation in
            let started = BlockingThread.detach {
                if let setfsuid { _ = setfsuid(nobody) }
                defer { if let setfsuid { _ = setfsuid(0) } }
                continuation.resume(with: Result { try body() })
            }
            if !started { continuation.resume(throwing: CountError(kind: .invalidOptions, path: "test thread", reason: "could not start")) }
        }
    }
}
