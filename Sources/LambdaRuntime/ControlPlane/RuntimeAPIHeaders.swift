/// Header names of the Lambda Runtime API (2018-06-01), in one place.
public enum RuntimeAPIHeaders {
    public static let requestId = "Lambda-Runtime-Aws-Request-Id"
    public static let deadlineMilliseconds = "Lambda-Runtime-Deadline-Ms"
    public static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
    public static let traceId = "Lambda-Runtime-Trace-Id"
    public static let clientContext = "Lambda-Runtime-Client-Context"
    public static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
    /// On `…/error` and `…/init/error`: the error type Lambda records.
    public static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
}
