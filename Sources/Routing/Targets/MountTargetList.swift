#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The published mount-target list (`SSM_PARAMETER_NAME`), parsed strictly enough that a
/// broken document is reported with the field at fault instead of routing to a wrong host.
///
/// Extra fields, in the document or in an entry, are allowed: writers may add them (§4).
public enum MountTargetList {
    /// Parses `{"mount_targets":[{...}, ...]}`.
    ///
    /// - Throws: `RoutingError` naming the field (e.g. `mount_targets[2].ip_address`) when the
    ///   JSON is malformed, a field is missing, wrongly typed or empty.
    public static func parse(_ bytes: [UInt8], source: String) throws -> [RouteTarget] {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw RoutingError.invalidList(source: source, detail: describe(error))
        } catch {
            throw RoutingError.invalidList(source: source, detail: String(describing: error))
        }
        for (index, target) in document.mountTargets.enumerated() {
            for key in RouteTarget.CodingKeys.allCases where target[keyPath: keyPath(key)].isEmpty {
                throw RoutingError.invalidList(
                    source: source, detail: "mount_targets[\(index)].\(key.rawValue) is empty")
            }
        }
        return document.mountTargets
    }

    private struct Document: Decodable {
        var mountTargets: [RouteTarget]
        enum CodingKeys: String, CodingKey { case mountTargets = "mount_targets" }
    }

    private static func keyPath(_ key: RouteTarget.CodingKeys) -> KeyPath<RouteTarget, String> {
        switch key {
        case .mountTargetId: \.mountTargetId
        case .ipAddress: \.ipAddress
        case .availabilityZone: \.availabilityZone
        case .subnetId: \.subnetId
        }
    }

    /// `mount_targets[1].ip_address: expected String` rather than Foundation's debug dump.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the document" : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
