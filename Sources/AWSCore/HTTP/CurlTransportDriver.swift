import CCurl
import Logging

/// The curl thread: owns the multi handle and every easy handle, and is the only code that
/// touches them (libcurl handles are not thread-safe). Everything else talks to it through
/// `CurlTransportLoop`.
///
/// The multi handle keeps the connection cache (up to `CURLMOPT_MAXCONNECTS` idle connections)
/// and the DNS cache, so consecutive requests to one host reuse a connection even though every
/// request gets a fresh easy handle.
final class CurlTransportDriver {
    private let loop: CurlTransportLoop
    private let multi: UnsafeMutableRawPointer
    private let logger: Logger
    private var transfers: [UInt64: CurlTransfer] = [:]
    private var idsByHandle: [UnsafeMutableRawPointer: UInt64] = [:]

    /// Longest sleep in `curl_multi_poll`; libcurl wakes earlier for its own timers and
    /// `curl_multi_wakeup` wakes it for new commands, so this only bounds idle spinning.
    private static let pollMilliseconds: Int32 = 1000

    private init(loop: CurlTransportLoop, multi: UnsafeMutableRawPointer, logger: Logger) {
        self.loop = loop
        self.multi = multi
        self.logger = logger
    }

    /// The thread body: runs until `loop.shutdown()`.
    static func run(loop: CurlTransportLoop, maximumCachedConnections: Int, logger: Logger) {
        CurlTransportThread.blockSIGPIPE()
        guard let multi = curl_multi_init() else {
            for command in loop.detach(status: .failed("curl_multi_init failed")) {
                if case .start(let order) = command {
                    order.continuation.resume(throwing: HTTPTransportError(
                        kind: .other, detail: "curl_multi_init failed", url: CurlTransportErrors.redact(order.plan.url)))
                }
            }
            return
        }
        _ = efs_curlm_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, maximumCachedConnections))
        let driver = CurlTransportDriver(loop: loop, multi: multi, logger: logger)
        logger.trace("libcurl thread started")
        driver.runUntilStopped()
        curl_multi_cleanup(multi)
        logger.trace("libcurl thread stopped")
    }

    private func runUntilStopped() {
        if loop.attach(multi) {
            while true {
                let (commands, stop) = loop.takeCommands()
                commands.forEach(apply)
                if stop { break }
                var running: Int32 = 0
                _ = curl_multi_perform(multi, &running)
                collectFinished()
                _ = curl_multi_poll(multi, nil, 0, Self.pollMilliseconds, nil)
            }
        }
        for id in Array(transfers.keys) { abort(id) }
        for command in loop.detach(status: .stopped) {
            if case .start(let order) = command {
                order.continuation.resume(throwing: CurlTransportErrors.cancelled(order.plan.url))
            }
        }
    }

    private func apply(_ command: CurlTransportLoop.Command) {
        switch command {
        case .start(let order):
            start(order)
        case .cancel(let id):
            abort(id)
        }
    }

    private func start(_ order: CurlTransferOrder) {
        let transfer: CurlTransfer
        do {
            transfer = try CurlTransfer(order: order)
        } catch {
            fail(order, error)
            return
        }
        let added = curl_multi_add_handle(multi, transfer.easy)
        guard added == CURLM_OK else {
            let detail = "curl_multi_add_handle failed: \(String(cString: curl_multi_strerror(added)))"
            fail(order, HTTPTransportError(kind: .other, detail: detail, url: CurlTransportErrors.redact(order.plan.url)))
            return
        }
        transfers[order.id] = transfer
        idsByHandle[transfer.easy] = order.id
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard efs_curlmsg_is_done(message) != 0, let easy = message.pointee.easy_handle,
                  let id = idsByHandle[easy], let transfer = detachTransfer(id) else { continue }
            let code = efs_curlmsg_result(message)
            let result = transfer.result(code: code)
            if case .failure(let error) = result {
                logger.debug("HTTP transfer failed", metadata: [
                    "method": "\(transfer.order.plan.method)", "url": "\(error.url)", "kind": "\(error.kind.rawValue)",
                ])
            }
            transfer.order.continuation.resume(with: result.mapError { $0 as any Error })
        }
    }

    /// Aborts an in-flight transfer (task cancelled or transport shut down). Removing the easy
    /// handle closes its connection rather than returning it half-used to the cache. Unknown ids
    /// (already finished) are ignored.
    private func abort(_ id: UInt64) {
        guard let transfer = detachTransfer(id) else { return }
        transfer.order.continuation.resume(throwing: CurlTransportErrors.cancelled(transfer.order.plan.url))
    }

    private func detachTransfer(_ id: UInt64) -> CurlTransfer? {
        guard let transfer = transfers.removeValue(forKey: id) else { return nil }
        idsByHandle[transfer.easy] = nil
        curl_multi_remove_handle(multi, transfer.easy)
        return transfer
    }

    private func fail(_ order: CurlTransferOrder, _ error: HTTPTransportError) {
        logger.debug("HTTP transfer could not start", metadata: ["method": "\(order.plan.method)", "url": "\(error.url)"])
        order.continuation.resume(throwing: error)
    }
}
