import CCurl

/// One request on the curl thread: its easy handle, the header list and error buffer libcurl
/// points into, and the response as it arrives. Lives only on the curl thread.
///
/// Options that make the exchange exact and safe, whatever the caller or environment:
/// - TLS peer and host verification on, always (nothing in the API can turn it off);
/// - no redirects followed, HTTP/1.1, `http`/`https` only;
/// - the path sent as given (`CURLOPT_PATH_AS_IS`): libcurl would otherwise squash `/./` and
///   `/../`, and the SigV4 signature covers the path as written;
/// - no automatic decompression, no `Expect: 100-continue`, no invented `Content-Type`;
/// - no signals (`CURLOPT_NOSIGNAL`), required when libcurl runs off the main thread;
/// - a fresh, unshared connection when the request asks for one (mutating calls), so libcurl
///   never re-sends such a request on its own.
final class CurlTransfer {
    let order: CurlTransferOrder
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var head = CurlResponseHeadCollector()
    private var body: [UInt8] = []

    init(order: CurlTransferOrder) throws(HTTPTransportError) {
        let plan = order.plan
        guard let easy = curl_easy_init() else {
            throw HTTPTransportError(kind: .other, detail: "curl_easy_init failed", url: CurlTransportErrors.redact(plan.url))
        }
        self.order = order
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        for line in plan.headerLines { headerList = curl_slist_append(headerList, line) }
        try configure(plan)
    }

    deinit {
        // The driver has already removed the handle from the multi handle.
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// The outcome once libcurl reports the transfer done with `code`.
    func result(code: CURLcode) -> Result<HTTPResponse, HTTPTransportError> {
        guard code == CURLE_OK else {
            return .failure(CurlTransportErrors.error(for: code, message: String(cString: errorBuffer), url: order.plan.url))
        }
        var status = 0
        _ = efs_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: head.headers, body: body))
    }

    private func configure(_ plan: CurlRequestPlan) throws(HTTPTransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, plan.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_CUSTOMREQUEST, plan.method)
        if plan.headOnly { try set(CURLOPT_NOBODY, 1) }
        if let body = plan.body {
            // Size first: COPYPOSTFIELDS then copies exactly that many bytes, NULs included.
            try check(efs_curl_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), CURLOPT_POSTFIELDSIZE_LARGE)
            let bytes = body.isEmpty ? [0] : body
            let code = bytes.withUnsafeBytes { efs_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(code, CURLOPT_COPYPOSTFIELDS)
        }
        try check(efs_curl_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), CURLOPT_HTTPHEADER)
        if let userAgent = plan.userAgent { try set(CURLOPT_USERAGENT, userAgent) }
        try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_PATH_AS_IS, 1)
        try set(CURLOPT_HTTP_CONTENT_DECODING, 0)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_PROXY, plan.proxy)
        try set(CURLOPT_NOPROXY, plan.noProxy)
        try set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        if plan.freshConnection {
            // Never a cached connection, so libcurl has nothing to "retry on a fresh connect"
            // behind our back; and this one is closed afterwards rather than cached.
            try set(CURLOPT_FRESH_CONNECT, 1)
            try set(CURLOPT_FORBID_REUSE, 1)
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, plan.connectTimeoutMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, plan.totalTimeoutMilliseconds)
        try check(efs_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        try check(efs_curl_setopt_write_function(easy, Self.onBody), CURLOPT_WRITEFUNCTION)
        try check(efs_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context), CURLOPT_WRITEDATA)
        try check(efs_curl_setopt_header_function(easy, Self.onHeader), CURLOPT_HEADERFUNCTION)
        try check(efs_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context), CURLOPT_HEADERDATA)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPTransportError) {
        try check(efs_curl_setopt_long(easy, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(HTTPTransportError) {
        try check(efs_curl_setopt_string(easy, option, value), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPTransportError) {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw HTTPTransportError(kind: .other, detail: "libcurl rejected option \(option.rawValue): \(reason)",
                                     url: CurlTransportErrors.redact(order.plan.url))
        }
    }

    private static let onBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        if length > 0, let data {
            transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        }
        return length
    }

    private static let onHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        if length > 0, let data {
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            transfer.head.consume(line: line)
            if transfer.body.isEmpty, let declared = transfer.head.headers["content-length"].flatMap(Int.init) {
                transfer.body.reserveCapacity(min(declared, 64 << 20))
            }
        }
        return length
    }
}
