import Glibc

/// Starts OS threads for blocking work, so that `getdents64`/`openat` never occupy a thread of
/// Swift's cooperative pool (which has one thread per core: a few slow NFS reads would stall every
/// task in the process).
enum BlockingThread {
    /// Worker threads do no deep recursion; a small stack keeps 100+ workers cheap in address space.
    static let stackSize = 512 * 1024

    private final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread. Returns false (and does not run `body`) when the
    /// system refuses to create a thread.
    static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<Box>.fromOpaque(context).release()
            return false
        }
        return true
    }
}
