#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AWS Signature Version 4 for non-S3 services: a pure function of the request, the
/// credentials and the time. It knows nothing of HTTP clients or services.
public struct SigV4Signer: Sendable {
    public var region: String
    /// The signing name, which is not always the endpoint prefix (EFS signs as `elasticfilesystem`).
    public var service: String
    /// Send and sign `x-amz-content-sha256`. The local emulator wants it on every request and
    /// AWS accepts it; only the official test suite, which predates it, turns it off.
    public var includeContentSHA256: Bool
    private let keyCache: SigningKeyCache

    public init(region: String, service: String, includeContentSHA256: Bool = true, keyCache: SigningKeyCache = .shared) {
        self.region = region
        self.service = service
        self.includeContentSHA256 = includeContentSHA256
        self.keyCache = keyCache
    }

    /// Everything computed while signing, for tests and debugging. `description` leaves
    /// out the signature so that printing it cannot leak a usable credential.
    public struct Signature: Sendable, CustomStringConvertible {
        public var canonicalRequest: CanonicalRequest
        public var stringToSign: String
        public var signature: String
        public var authorization: String
        /// The headers to add to the request, in the order they should be sent.
        public var headersToAdd: [(name: String, value: String)]

        public var description: String {
            "SigV4Signature(signedHeaders: \(canonicalRequest.signedHeaders), signature: <redacted>)"
        }
    }

    /// Headers to add to the request: `Host` when the request has none, `X-Amz-Date`,
    /// `x-amz-content-sha256`, `X-Amz-Security-Token` when the credentials carry one, and
    /// `Authorization`. Existing `Authorization` and `X-Amz-Date` headers are ignored and
    /// must be replaced by these.
    public func sign(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8], credentials: AWSCredentials, date: Date) -> [(name: String, value: String)] {
        signature(method: method, url: url, headers: headers, payloadHash: Digest.sha256Hex(body), credentials: credentials, secondsSince1970: date.timeIntervalSince1970).headersToAdd
    }

    public func signature(method: String, url: String, headers: [(name: String, value: String)], payloadHash: String, credentials: AWSCredentials, secondsSince1970: Double) -> Signature {
        let target = RequestTarget(url: url) ?? RequestTarget(host: "", path: url, query: "")
        let time = SigV4Timestamp(secondsSince1970: secondsSince1970)

        var added: [(name: String, value: String)] = []
        added.reserveCapacity(5)
        var signed: [(name: String, value: String)] = []
        signed.reserveCapacity(headers.count + 4)
        var hasHost = false
        for h in headers {
            switch HeaderRole(name: h.name) {
            case .replaced:
                continue
            case .securityToken where credentials.sessionToken != nil:
                continue
            case .host:
                hasHost = true
            default:
                break
            }
            signed.append(h)
        }
        if !hasHost { added.append(("Host", target.host)) }
        added.append(("X-Amz-Date", time.amzDate))
        if includeContentSHA256 { added.append(("x-amz-content-sha256", payloadHash)) }
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        signed.append(contentsOf: added)

        let canonical = CanonicalRequest(method: method, path: target.path, query: target.query, headers: signed, payloadHash: payloadHash)
        var scope = [UInt8]()
        scope.reserveCapacity(time.day.utf8.count + region.utf8.count + service.utf8.count + 16)
        ASCII.append(time.day, to: &scope)
        scope.append(UInt8(ascii: "/"))
        ASCII.append(region, to: &scope)
        scope.append(UInt8(ascii: "/"))
        ASCII.append(service, to: &scope)
        scope.append(contentsOf: "/aws4_request".utf8)

        var stringToSign = [UInt8]()
        stringToSign.reserveCapacity(17 + time.amzDate.utf8.count + scope.count + 66)
        stringToSign.append(contentsOf: "AWS4-HMAC-SHA256\n".utf8)
        ASCII.append(time.amzDate, to: &stringToSign)
        stringToSign.append(0x0A)
        stringToSign.append(contentsOf: scope)
        stringToSign.append(0x0A)
        var hasher = SHA256Hasher()
        canonical.bytes.withUnsafeBytes { hasher.update($0) }
        hasher.finalize { Digest.appendHex($0, to: &stringToSign) }

        let key = keyCache.hmacKey(secret: credentials.secretAccessKey, day: time.day, region: region, service: service)
        let signature = stringToSign.withUnsafeBytes { key.authenticate($0) { Digest.hex($0) } }

        var authorization = [UInt8]()
        authorization.reserveCapacity(160 + credentials.accessKeyId.utf8.count + scope.count)
        authorization.append(contentsOf: "AWS4-HMAC-SHA256 Credential=".utf8)
        ASCII.append(credentials.accessKeyId, to: &authorization)
        authorization.append(UInt8(ascii: "/"))
        authorization.append(contentsOf: scope)
        authorization.append(contentsOf: ", SignedHeaders=".utf8)
        canonical.appendSignedHeaders(to: &authorization)
        authorization.append(contentsOf: ", Signature=".utf8)
        ASCII.append(signature, to: &authorization)
        let authorizationValue = String(decoding: authorization, as: UTF8.self)
        added.append(("Authorization", authorizationValue))
        return Signature(canonicalRequest: canonical, stringToSign: String(decoding: stringToSign, as: UTF8.self),
                         signature: signature, authorization: authorizationValue, headersToAdd: added)
    }

    /// What the signer does with a caller's header, by its case-insensitive name.
    private enum HeaderRole {
        case replaced, securityToken, host, other

        init(name: String) {
            guard ASCII.isASCII(name) else {
                switch name.lowercased() {
                case "x-amz-date", "authorization", "x-amz-content-sha256": self = .replaced
                case "x-amz-security-token": self = .securityToken
                case "host": self = .host
                default: self = .other
                }
                return
            }
            if ASCII.equalsIgnoringCase(name, "x-amz-date") || ASCII.equalsIgnoringCase(name, "authorization")
                || ASCII.equalsIgnoringCase(name, "x-amz-content-sha256") {
                self = .replaced
            } else if ASCII.equalsIgnoringCase(name, "x-amz-security-token") {
                self = .securityToken
            } else if ASCII.equalsIgnoringCase(name, "host") {
                self = .host
            } else {
                self = .other
            }
        }
    }

    static func deriveSigningKey(secret: String, day: String, region: String, service: String) -> [UInt8] {
        var key = Digest.hmacSHA256(key: Array("AWS4\(secret)".utf8), data: Array(day.utf8))
        key = Digest.hmacSHA256(key: key, data: Array(region.utf8))
        key = Digest.hmacSHA256(key: key, data: Array(service.utf8))
        return Digest.hmacSHA256(key: key, data: Array("aws4_request".utf8))
    }
}
