/// What distinguishes one AWS service on the wire: where it lives, how it signs,
/// and how it reports errors.
public struct AWSService: Sendable, Hashable {
    /// Short name used in logs, errors and `doctor` output ("efs", "ec2", "ssm", "ecs").
    public var name: String
    /// Host prefix in `https://{prefix}.{region}.amazonaws.com`.
    public var endpointPrefix: String
    /// SigV4 service name; differs from the prefix for some services (EFS signs as `elasticfilesystem`).
    public var signingName: String
    /// Suffix of the `AWS_ENDPOINT_URL_<SUFFIX>` override variable.
    public var endpointEnvSuffix: String
    public var wireProtocol: AWSWireProtocol

    public init(name: String, endpointPrefix: String, signingName: String, endpointEnvSuffix: String, wireProtocol: AWSWireProtocol) {
        self.name = name
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
        self.endpointEnvSuffix = endpointEnvSuffix
        self.wireProtocol = wireProtocol
    }
}

/// How a service's requests and errors look on the wire. `AWSClient` is the one place that turns
/// this into protocol headers (`X-Amz-Target`, `Content-Type`); service clients only encode
/// bodies.
public enum AWSWireProtocol: Sendable, Hashable {
    /// awsJson1.0 (DynamoDB): POST `/`, `X-Amz-Target: {targetPrefix}.{Operation}` (e.g.
    /// `DynamoDB_20120810.PutItem`), `Content-Type: application/x-amz-json-1.0`, `__type` in errors.
    case json10(targetPrefix: String)
    /// awsJson1.1: POST `/`, `X-Amz-Target: {targetPrefix}.{Operation}`, `__type` in error bodies.
    case json11(targetPrefix: String)
    /// restJson1: REST paths, `x-amzn-ErrorType` header first, then the body.
    case restJSON
    /// query: form-encoded `Action`/`Version`, XML responses, `<Errors><Error><Code>`.
    case query(version: String)

    /// The protocol headers of one operation's request: `X-Amz-Target` for the JSON protocols,
    /// and the content type (rest-json only when there is a body).
    public func headers(operation: String, hasBody: Bool) -> [(name: String, value: String)] {
        switch self {
        case .json10(let prefix):
            [("X-Amz-Target", "\(prefix).\(operation)"), ("Content-Type", "application/x-amz-json-1.0")]
        case .json11(let prefix):
            [("X-Amz-Target", "\(prefix).\(operation)"), ("Content-Type", "application/x-amz-json-1.1")]
        case .restJSON:
            hasBody ? [("Content-Type", "application/json")] : []
        case .query:
            [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        }
    }
}

extension AWSService {
    public static let efs = AWSService(name: "efs", endpointPrefix: "elasticfilesystem", signingName: "elasticfilesystem", endpointEnvSuffix: "EFS", wireProtocol: .restJSON)
    public static let ec2 = AWSService(name: "ec2", endpointPrefix: "ec2", signingName: "ec2", endpointEnvSuffix: "EC2", wireProtocol: .query(version: "2016-11-15"))
    public static let ssm = AWSService(name: "ssm", endpointPrefix: "ssm", signingName: "ssm", endpointEnvSuffix: "SSM", wireProtocol: .json11(targetPrefix: "AmazonSSM"))
    public static let ecs = AWSService(name: "ecs", endpointPrefix: "ecs", signingName: "ecs", endpointEnvSuffix: "ECS", wireProtocol: .json11(targetPrefix: "AmazonEC2ContainerServiceV20141113"))
    public static let dynamodb = AWSService(name: "dynamodb", endpointPrefix: "dynamodb", signingName: "dynamodb", endpointEnvSuffix: "DYNAMODB", wireProtocol: .json10(targetPrefix: "DynamoDB_20120810"))
    public static let sts = AWSService(name: "sts", endpointPrefix: "sts", signingName: "sts", endpointEnvSuffix: "STS", wireProtocol: .query(version: "2011-06-15"))
}
