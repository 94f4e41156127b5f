import Scaling

/// A failure the user fixes outside the command line (an environment variable, a file), so
/// it is printed as `Error: …` without the usage text a `ValidationError` brings.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// A configuration error says "invalid configuration (n problems): …" itself.
    init(_ error: ConfigurationError) { description = error.description }
}
