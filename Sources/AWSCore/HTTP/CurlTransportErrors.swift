import CCurl

/// Turning libcurl failures into `HTTPTransportError`s that are safe to log.
enum CurlTransportErrors {
    /// The transport error kind for a failed transfer's `CURLcode`.
    static func kind(for code: CURLcode) -> HTTPTransportError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionReset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
             CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest
        default:
            return .other
        }
    }

    /// An error for a failed transfer. `message` is libcurl's error buffer (host, port, timings;
    /// libcurl never puts headers or bodies there).
    static func error(for code: CURLcode, message: String, url: String) -> HTTPTransportError {
        let summary = String(cString: curl_easy_strerror(code))
        let detail = message.isEmpty ? summary : "\(summary): \(message)"
        return HTTPTransportError(kind: kind(for: code), detail: "\(detail) (curl code \(code.rawValue))", url: redact(url))
    }

    static func cancelled(_ url: String) -> HTTPTransportError {
        HTTPTransportError(kind: .cancelled, detail: "the calling task was cancelled; the transfer was aborted", url: redact(url))
    }

    /// `url` without userinfo and without its query: presigned URLs carry `X-Amz-Signature` and
    /// `X-Amz-Security-Token` in the query, so it never goes into an error or a log.
    static func redact(_ url: String) -> String {
        var rest = Substring(url)
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        guard let schemeEnd = rest.firstRange(of: "://") else { return String(rest) }
        let scheme = rest[..<schemeEnd.upperBound]
        var afterScheme = rest[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        if let at = afterScheme[..<authorityEnd].lastIndex(of: "@") {
            afterScheme = afterScheme[afterScheme.index(after: at)...]
        }
        return String(scheme + afterScheme)
    }
}
