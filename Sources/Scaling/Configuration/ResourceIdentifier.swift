/// Syntax of the AWS identifiers and names the environment carries. Checked before any call so
/// that a typo is reported as a configuration error naming the variable, not as an opaque
/// `InvalidParameterValue` from AWS halfway through a run.
enum ResourceIdentifier {
    /// `prefix-` followed by lowercase hexadecimal (AWS uses 8 or 17 digits; any length is accepted).
    static func isHexIdentifier(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix + "-") else { return false }
        let digits = text.dropFirst(prefix.count + 1)
        return !digits.isEmpty && digits.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func isFileSystemId(_ text: String) -> Bool { isHexIdentifier(text, prefix: "fs") }
    static func isSubnetId(_ text: String) -> Bool { isHexIdentifier(text, prefix: "subnet") }
    static func isVpcId(_ text: String) -> Bool { isHexIdentifier(text, prefix: "vpc") }
    static func isSecurityGroupId(_ text: String) -> Bool { isHexIdentifier(text, prefix: "sg") }

    static let parameterNameRule =
        "an SSM parameter name: letters, digits and _.-/ only, at most 1011 characters, "
        + "at most 15 levels, a name with / must start with /, and no aws/ssm prefix"

    /// SSM `PutParameter` name rules.
    static func isParameterName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 1011 else { return false }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.-/".unicodeScalars.contains(scalar))
        }
        guard allowed else { return false }
        if text.contains("/") {
            guard text.hasPrefix("/"), !text.hasSuffix("/"), !text.contains("//") else { return false }
            if text.split(separator: "/").count > 15 { return false }
        }
        let first = text.split(separator: "/").first.map { $0.lowercased() } ?? ""
        return !first.hasPrefix("aws") && !first.hasPrefix("ssm")
    }

    /// ECS cluster and service names: letters, digits, hyphens and underscores, up to 255
    /// characters; a full ARN is accepted as well.
    /// DynamoDB's table-name rule.
    static let tableNameRule = "a DynamoDB table name: 3 to 255 of A-Z a-z 0-9 _ - ."

    static func isTableName(_ text: String) -> Bool {
        (3...255).contains(text.utf8.count)
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
    }

    static func isECSName(_ text: String) -> Bool {
        if text.hasPrefix("arn:") { return text.count <= 1600 && !text.contains(where: \.isWhitespace) }
        return text.count <= 255 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// `us-east-1`, `ap-northeast-1`, `us-gov-west-1`, `cn-north-1`…
    static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// AZ names: `ap-northeast-1a`, `us-gov-west-1b`, and Local/Wavelength Zones such as
    /// `us-west-2-lax-1a`. A region (`us-east-1`) or an AZ id (`use1-az1`) is not one.
    static func isAvailabilityZoneName(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }),
              let index = parts.firstIndex(where: { $0.first?.isNumber == true }), index >= 2,
              parts[..<index].allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return false }
        let number = parts[index]
        let letters = number.drop { $0.isNumber }
        guard letters.allSatisfy(\.isLetter) else { return false }
        // `1a` ends a standard AZ name; a bare `2` must be followed by a Local Zone's parts.
        return letters.isEmpty ? index < parts.count - 1 : index == parts.count - 1
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        return !rest.isEmpty && !text.contains(where: \.isWhitespace)
    }
}
