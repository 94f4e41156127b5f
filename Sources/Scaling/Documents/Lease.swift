#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The lease releases before the lock table kept in the state document. Still decoded, so a
/// state parameter of such a release migrates into the lock item; never written.
public struct Lease: Sendable, Hashable, Codable {
    public var owner: String
    public var expiresAt: Date

    public init(owner: String, expiresAt: Date) {
        self.owner = owner
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case owner
        case expiresAt = "expires_at"
    }
}
