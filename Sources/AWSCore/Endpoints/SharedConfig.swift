#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The selected profile of the shared config and credentials files, merged.
///
/// Where the files are comes from the injected environment (`AWS_CONFIG_FILE`,
/// `AWS_SHARED_CREDENTIALS_FILE`, `HOME`), never from the process, so tests point it at
/// temporary files. A missing file is not an error (most Lambda and Fargate tasks have none);
/// an unreadable one is, because silently ignoring it would pick other credentials.
public struct SharedConfig: Sendable, Equatable {
    /// The profile in use: `AWS_PROFILE`, else "default".
    public var profileName: String
    /// Whether the name was chosen explicitly (then a missing profile is an error).
    public var profileExplicit: Bool
    /// Settings of the profile; the credentials file wins over the config file for the same key.
    public var settings: [String: String]
    /// Whether either file had a section for the profile.
    public var profileExists: Bool
    public var configPath: String
    public var credentialsPath: String

    public static func load(environment env: [String: String]) throws -> SharedConfig {
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let configPath = expand(nonEmpty(env["AWS_CONFIG_FILE"]) ?? "~/.aws/config", home: home)
        let credentialsPath = expand(nonEmpty(env["AWS_SHARED_CREDENTIALS_FILE"]) ?? "~/.aws/credentials", home: home)
        let explicit = nonEmpty(env["AWS_PROFILE"])
        let name = explicit ?? "default"
        let config = try readFile(configPath, setting: "AWS_CONFIG_FILE").map { SharedConfigFile.parse($0, kind: .config) }
        let credentials = try readFile(credentialsPath, setting: "AWS_SHARED_CREDENTIALS_FILE").map { SharedConfigFile.parse($0, kind: .credentials) }
        let fromConfig = config?.profiles[name]
        let fromCredentials = credentials?.profiles[name]
        var settings = fromConfig ?? [:]
        settings.merge(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
        return SharedConfig(profileName: name, profileExplicit: explicit != nil, settings: settings,
                            profileExists: fromConfig != nil || fromCredentials != nil,
                            configPath: configPath, credentialsPath: credentialsPath)
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    static func expand(_ path: String, home: String?) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home else { return path }
        return home + path.dropFirst()
    }

    /// `nil` when the file does not exist.
    static func readFile(_ path: String, setting: String) throws -> String? {
        guard path.hasPrefix("/") || !path.hasPrefix("~") else { return nil } // "~" with no HOME: nothing to read
        let url = URL(filePath: path)
        do {
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            throw AWSConfigurationError(setting: setting, value: path, reason: "the file cannot be read (\(error))")
        }
    }
}
