/// Picks the endpoint for a service: `AWS_ENDPOINT_URL_<SUFFIX>`, then `AWS_ENDPOINT_URL`,
/// then the partition's standard host `https://{prefix}.{region}.{dnsSuffix}`.
///
/// The overrides exist for local emulators (moto, LocalStack) and VPC endpoints; a bad value is
/// an error naming the variable, never a silent fall back to the real AWS endpoint.
public enum EndpointResolver {
    public static func resolve(service: AWSService, region: String, environment env: [String: String]) throws -> Endpoint {
        let specific = "AWS_ENDPOINT_URL_\(service.endpointEnvSuffix)"
        if let url = SharedConfig.nonEmpty(env[specific]) { return try Endpoint.parse(url, setting: specific) }
        if let url = SharedConfig.nonEmpty(env["AWS_ENDPOINT_URL"]) { return try Endpoint.parse(url, setting: "AWS_ENDPOINT_URL") }
        return Endpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(dnsSuffix(forRegion: region))")
    }

    /// aws-cn regions live under amazonaws.com.cn; aws (and aws-us-gov) under amazonaws.com.
    public static func dnsSuffix(forRegion region: String) -> String {
        region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
    }

    /// The partition name used in ARNs.
    public static func partition(forRegion region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// Checks every endpoint override present in the environment, so a typo is reported at
    /// start-up rather than on the first call to that service.
    public static func validateOverrides(environment env: [String: String]) throws {
        for (name, value) in env.sorted(by: { $0.key < $1.key }) where name == "AWS_ENDPOINT_URL" || name.hasPrefix("AWS_ENDPOINT_URL_") {
            if !value.isEmpty { _ = try Endpoint.parse(value, setting: name) }
        }
    }
}
