import Glibc

/// The loop one worker thread runs: take a job, do its blocking reads, queue the subdirectories it
/// finds, repeat. Everything here blocks; it only ever runs on a `BlockingThread`.
struct WalkWorker {
    /// 256 KiB: a file system that honours the caller's buffer answers a 200k-entry directory in
    /// a few dozen reads. Pages are only touched as far as a directory fills them, and after a
    /// directory that filled more than `retainedBufferBytes` the pages are handed back, so 64
    /// workers do not keep 16 MiB resident (the peak-RSS budget is 30 MB for the whole process).
    static let bufferSize = 256 * 1024
    static let retainedBufferBytes = 32 * 1024
    /// Subdirectories are queued in chunks while a directory is still being listed, so other
    /// workers start on a huge directory's children before its listing ends.
    static let pushChunk = 32
    static let classifyChunk = 128

    let queue: WalkQueue
    let recursive: Bool
    let treatEveryTypeAsUnknown: Bool
    /// Above this many open directory descriptors, children are queued by full path instead of
    /// keeping their parent open.
    let maximumOpenHandles: Int
    let classifyQueueLimit: Int
    /// Present for an incremental walk: unchanged directories are not re-listed.
    let cache: DirectoryCache?

    func run() -> WalkTally {
        queue.workerStarted()
        var tally = WalkTally()
        // Page-aligned, so that madvise can release whole pages of it.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: Int(getpagesize()))
        defer { buffer.deallocate() }
        while let job = queue.next() {
            switch job {
            case .listOpened(let handle):
                list(handle, buffer: buffer, tally: &tally)
            case .list(let base, let name):
                if let handle = open(name, in: base, tally: &tally) {
                    list(handle, buffer: buffer, tally: &tally)
                }
            case .classify(let base, let names):
                var found: [WalkJob] = []
                let filesBefore = tally.files
                classifyAll(names, in: base, tally: &tally) { found.append(.list(base: base, name: $0)) }
                queue.counters.files.add(tally.files - filesBefore, ordering: .relaxed)
                queue.push(found)
            }
            queue.finished()
        }
        return tally
    }

    private func open(_ name: [UInt8], in base: DirectoryHandle?, tally: inout WalkTally) -> DirectoryHandle? {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        let fd = withCString(name) { path in base.map { openat($0.fd, path, flags) } ?? Glibc.open(path, flags) }
        let path = base?.childPath(name) ?? name
        guard fd >= 0 else {
            let code = errno
            // Removed since it was listed: nothing in it to count, and nothing is wrong.
            if code == ENOENT { return nil }
            tally.unreadableDirectories += 1
            queue.recordUnreadable(Self.describe(path, code))
            return nil
        }
        return DirectoryHandle(fd: fd, path: path, counters: queue.counters)
    }

    private func list(_ handle: DirectoryHandle, buffer: UnsafeMutableRawBufferPointer, tally: inout WalkTally) {
        var stamp: DirectoryStamp?
        if let cache {
            var info = stat()
            if fstat(handle.fd, &info) == 0 { stamp = DirectoryStamp(info) }
            if let stamp, let entry = cache.reusable(handle.path, stamp: stamp) {
                reuse(entry, of: handle, cache: cache, tally: &tally)
                return
            }
        }
        let before = tally
        var allSubdirectories: [[UInt8]] = []
        var subdirectories: [WalkJob] = []
        var unknown: [[UInt8]] = []
        var publishedFiles = tally.files
        var largestBatch = 0
        let keepHandle = queue.counters.openHandles.load(ordering: .relaxed) < maximumOpenHandles
        let recursive = self.recursive
        let forceUnknown = treatEveryTypeAsUnknown

        func queueSubdirectory(_ name: [UInt8]) {
            if cache != nil { allSubdirectories.append(name) }
            subdirectories.append(keepHandle ? .list(base: handle, name: name) : .list(base: nil, name: handle.childPath(name)))
            if subdirectories.count >= Self.pushChunk {
                queue.push(subdirectories)
                subdirectories.removeAll(keepingCapacity: true)
            }
        }

        let code = DirectoryEntryReader.read(
            fd: handle.fd, buffer: buffer,
            onEntry: { name, reportedType in
                switch forceUnknown ? DirectoryEntryReader.EntryType.unknown : reportedType {
                case DirectoryEntryReader.EntryType.regular:
                    tally.files += 1
                case DirectoryEntryReader.EntryType.directory:
                    if recursive { queueSubdirectory(Self.bytes(name)) }
                case DirectoryEntryReader.EntryType.symlink:
                    tally.symlinks += 1
                case DirectoryEntryReader.EntryType.unknown:
                    unknown.append(Self.bytes(name))
                    if unknown.count >= Self.classifyChunk {
                        // An incremental walk classifies here, so this directory's counts are complete.
                        if cache != nil || !queue.offerClassify(.classify(base: handle, names: unknown), limit: classifyQueueLimit) {
                            classifyAll(unknown, in: handle, tally: &tally, onDirectory: queueSubdirectory)
                        }
                        unknown.removeAll(keepingCapacity: true)
                    }
                default:
                    tally.otherEntries += 1
                }
            },
            afterBatch: { batchBytes in
                largestBatch = max(largestBatch, batchBytes)
                queue.counters.files.add(tally.files - publishedFiles, ordering: .relaxed)
                publishedFiles = tally.files
                return !queue.shouldStop()
            })
        classifyAll(unknown, in: handle, tally: &tally, onDirectory: queueSubdirectory)
        queue.counters.files.add(tally.files - publishedFiles, ordering: .relaxed)
        queue.push(subdirectories)
        if largestBatch > Self.retainedBufferBytes {
            _ = madvise(buffer.baseAddress, buffer.count, MADV_DONTNEED)
        }
        if code == 0 {
            tally.directories += 1
            queue.counters.directories.add(1, ordering: .relaxed)
            if let cache, let stamp, stamp.isOlder(than: cache.trustedBefore), !queue.counters.stopRequested.load(ordering: .relaxed) {
                cache.record(handle.path, DirectoryCache.Entry(
                    stamp: stamp, files: tally.files - before.files, symlinks: tally.symlinks - before.symlinks,
                    otherEntries: tally.otherEntries - before.otherEntries, subdirectories: allSubdirectories))
            }
        } else {
            tally.unreadableDirectories += 1
            queue.recordUnreadable(Self.describe(handle.path, code))
        }
    }

    /// Counts an unchanged directory from the previous walk and queues its remembered subdirectories.
    private func reuse(_ entry: DirectoryCache.Entry, of handle: DirectoryHandle, cache: DirectoryCache, tally: inout WalkTally) {
        tally.files += entry.files
        tally.symlinks += entry.symlinks
        tally.otherEntries += entry.otherEntries
        tally.directories += 1
        tally.reusedDirectories += 1
        queue.counters.files.add(entry.files, ordering: .relaxed)
        queue.counters.directories.add(1, ordering: .relaxed)
        if recursive {
            let keepHandle = queue.counters.openHandles.load(ordering: .relaxed) < maximumOpenHandles
            queue.push(entry.subdirectories.map { keepHandle ? .list(base: handle, name: $0) : .list(base: nil, name: handle.childPath($0)) })
        }
        cache.record(handle.path, entry)
    }

    private func classifyAll(_ names: [[UInt8]], in base: DirectoryHandle, tally: inout WalkTally, onDirectory: ([UInt8]) -> Void) {
        for name in names {
            let isDirectory = withCString(name) { classify($0, in: base, tally: &tally) }
            if isDirectory && recursive { onDirectory(name) }
        }
    }

    /// `lstat`s one entry and counts it; returns true for a directory (which the caller queues,
    /// or, for a classify job, queues here).
    @discardableResult
    private func classify(_ name: UnsafePointer<CChar>, in base: DirectoryHandle, tally: inout WalkTally) -> Bool {
        var info = stat()
        guard fstatat(base.fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            let code = errno
            if code != ENOENT {
                // Listed but not inspectable (a directory readable without search permission):
                // its contents, if it is a directory, are not counted; say so.
                tally.unreadableDirectories += 1
                let path = base.childPath(Self.bytes(name))
                queue.recordUnreadable(Self.describe(path, code))
            }
            return false
        }
        switch info.st_mode & 0o170000 {
        case 0o100000:
            tally.files += 1
        case 0o040000:
            return true
        case 0o120000:
            tally.symlinks += 1
        default:
            tally.otherEntries += 1
        }
        return false
    }

    static func bytes(_ name: UnsafePointer<CChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name)))
    }

    static func describe(_ path: [UInt8], _ code: Int32) -> String {
        "\(String(decoding: path, as: UTF8.self)): \(String(cString: strerror(code)))"
    }

    private func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
