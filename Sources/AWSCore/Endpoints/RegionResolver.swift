/// Finds the region the way the SDKs do: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the
/// selected profile's `region`. No region is an error rather than a silent default, because
/// acting on the wrong region's file system would be worse than not acting.
public enum RegionResolver {
    public static func resolve(environment env: [String: String], profile: SharedConfig?) throws -> String {
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = SharedConfig.nonEmpty(env[variable]) { return try validate(value, setting: variable) }
        }
        if let profile, let value = SharedConfig.nonEmpty(profile.settings["region"]) {
            return try validate(value, setting: "profile \(profile.profileName): region")
        }
        throw AWSConfigurationError(setting: "AWS_REGION", value: nil,
                                    reason: "no region configured; set AWS_REGION (or AWS_DEFAULT_REGION, or `region` in the selected profile of the shared config file)")
    }

    /// A region is lowercase letters, digits and hyphens ("eu-west-1"); anything else would
    /// become part of a host name and of the signature scope.
    public static func validate(_ region: String, setting: String) throws -> String {
        let ok = !region.isEmpty && region.count <= 64 && region.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
        } && !region.hasPrefix("-") && !region.hasSuffix("-")
        guard ok else {
            throw AWSConfigurationError(setting: setting, value: region, reason: "a region is lowercase letters, digits and hyphens, e.g. eu-west-1")
        }
        return region
    }
}
