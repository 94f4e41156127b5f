#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The two faces of a doctor report: aligned text for people, one JSON object for machines.
/// Neither contains a secret: the report holds only the credentials' source and key id.
enum DoctorRendering {
    static func text(_ report: PreflightReport) -> String {
        var lines = ["region: \(report.region)"]
        for (name, url) in report.endpoints.sorted(by: { $0.key < $1.key }) {
            lines.append("endpoint \(name): \(url)")
        }
        if let error = report.credentialsError {
            lines.append("credentials: FAILED \(error)")
        } else {
            lines.append("credentials: \(report.credentialsSource ?? "unknown") (access key \(report.accessKeyId ?? "?"))")
        }
        for check in report.checks {
            let status = check.status.rawValue.uppercased()
            let target = check.target.map { " [\($0)]" } ?? ""
            let code = check.code.map { "\($0): " } ?? ""
            lines.append("\(status.padding(7)) \(check.action)\(target) \(code)\(check.detail)")
        }
        lines.append(report.passed ? "doctor: all checks passed" : "doctor: some checks failed")
        return lines.joined(separator: "\n")
    }

    static func json(_ report: PreflightReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        struct Output: Encodable {
            var report: PreflightReport
            var passed: Bool
            func encode(to encoder: any Encoder) throws {
                try report.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(passed, forKey: .passed)
            }
            enum Key: String, CodingKey { case passed }
        }
        return String(decoding: try encoder.encode(Output(report: report, passed: report.passed)), as: UTF8.self)
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
