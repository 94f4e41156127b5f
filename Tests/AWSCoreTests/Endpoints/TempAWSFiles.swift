import Foundation

/// A temporary directory holding `config` and `credentials` files, and an environment that
/// points the SDK variables at them, so tests never touch the real `~/.aws` or the process
/// environment.
struct TempAWSFiles: ~Copyable {
    let directory: URL

    init(config: String? = nil, credentials: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("awscore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let config { try config.write(to: configURL, atomically: true, encoding: .utf8) }
        if let credentials { try credentials.write(to: credentialsURL, atomically: true, encoding: .utf8) }
    }

    var configURL: URL { directory.appendingPathComponent("config") }
    var credentialsURL: URL { directory.appendingPathComponent("credentials") }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["AWS_CONFIG_FILE": configURL.path, "AWS_SHARED_CREDENTIALS_FILE": credentialsURL.path, "HOME": directory.path]
            .merging(extra) { $1 }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
