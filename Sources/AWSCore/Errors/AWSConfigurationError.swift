/// A setting (environment variable, shared config key) with a value we cannot use.
///
/// The message names the setting, the offending value (never a secret: callers pass only
/// non-secret settings) and what is allowed, so an operator can fix it without reading code.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variable or config key, e.g. "AWS_ENDPOINT_URL_EFS" or "profile prod: role_arn".
    public var setting: String
    public var value: String?
    public var reason: String

    public init(setting: String, value: String?, reason: String) {
        self.setting = setting
        self.value = value
        self.reason = reason
    }

    public var description: String {
        if let value { return "\(setting)=\"\(Redactor.redact(value))\" is invalid: \(reason)" }
        return "\(setting): \(reason)"
    }
}
