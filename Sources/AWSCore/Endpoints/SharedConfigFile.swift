/// The parsed contents of `~/.aws/config` or `~/.aws/credentials` (INI-like).
///
/// Follows the SDKs' rules: `[default]` and `[name]` sections in the credentials file,
/// `[default]`, `[profile name]` (and bare `[name]` only for "default") in the config file;
/// full-line `#`/`;` comments; an inline comment needs whitespace before `#`/`;`; keys are
/// case-insensitive; indented lines after `key =` are a sub-section (e.g. `s3 =`) and are
/// skipped, since we use no nested settings. Lines that are neither are ignored rather than
/// fatal, like the SDKs, so one odd line elsewhere cannot stop credential resolution.
public struct SharedConfigFile: Sendable, Equatable {
    public enum Kind: Sendable { case config, credentials }

    /// Profile name → key (lowercased) → value.
    public var profiles: [String: [String: String]]

    public init(profiles: [String: [String: String]] = [:]) { self.profiles = profiles }

    public static func parse(_ text: String, kind: Kind) -> SharedConfigFile {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        var inSubsection = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine).trimmingXMLWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            if line.hasPrefix("[") {
                inSubsection = false
                guard let close = line.firstIndex(of: "]") else { current = nil; continue }
                let header = String(line[line.index(after: line.startIndex)..<close]).trimmingXMLWhitespace()
                current = profileName(fromSection: header, kind: kind)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let profile = current else { continue }
            if indented && inSubsection { continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<eq]).trimmingXMLWhitespace().lowercased()
            let value = stripInlineComment(String(line[line.index(after: eq)...])).trimmingXMLWhitespace()
            guard !key.isEmpty else { continue }
            inSubsection = value.isEmpty
            if !value.isEmpty { profiles[profile]?[key] = value }
        }
        return SharedConfigFile(profiles: profiles)
    }

    private static func profileName(fromSection header: String, kind: Kind) -> String? {
        switch kind {
        case .credentials:
            return header.isEmpty ? nil : header
        case .config:
            if header == "default" { return "default" }
            if header.hasPrefix("profile ") || header.hasPrefix("profile\t") {
                let name = String(header.dropFirst(8)).trimmingXMLWhitespace()
                return name.isEmpty ? nil : name
            }
            return nil // sso-session, services and other section kinds
        }
    }

    private static func stripInlineComment(_ value: String) -> String {
        var previousWasSpace = false
        var index = value.startIndex
        while index < value.endIndex {
            let c = value[index]
            if (c == "#" || c == ";") && previousWasSpace { return String(value[..<index]) }
            previousWasSpace = c == " " || c == "\t"
            index = value.index(after: index)
        }
        return value
    }
}
