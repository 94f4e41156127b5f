#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which run may act, until when. See `LeaseManager` for how it is taken.
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
