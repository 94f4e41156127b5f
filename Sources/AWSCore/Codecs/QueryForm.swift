import SigV4

/// Encodes query-protocol parameters (EC2, STS, and the web identity credentials call) as an `application/x-www-form-urlencoded`
/// body with uppercase `%XX` (SigV4's RFC 3986 encoder): `Action` and `Version` first, the
/// rest in the order given (AWS does not care about order, but a stable body keeps recorded
/// tests reproducible).
public enum QueryForm {
    public static func encode(action: String, version: String, parameters: [(String, String)]) -> [UInt8] {
        let pairs = [("Action", action), ("Version", version)] + parameters
        return Array(pairs.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&").utf8)
    }
}
