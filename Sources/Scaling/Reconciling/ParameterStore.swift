/// SSM Parameter Store, as far as the autoscaler uses it: String parameters with versions.
///
/// SSM has no conditional write. `put(…, expecting:)` is therefore a *compare then write*: the
/// adapter reads the current version and refuses with `ParameterStoreError.versionMismatch` when
/// it moved, then writes. Two writers can still both pass the compare before either writes; the
/// lease protocol (`LeaseManager`) closes that window by writing, waiting, and reading back.
public protocol ParameterStore: Sendable {
    /// `nil` when the parameter does not exist.
    func get(name: String) async throws -> StoredParameter?
    /// Writes `value` and returns the new version.
    func put(name: String, value: String, expecting: ParameterPrecondition) async throws -> Int
}

public struct StoredParameter: Sendable, Hashable {
    public var value: String
    public var version: Int

    public init(value: String, version: Int) {
        self.value = value
        self.version = version
    }
}

public enum ParameterPrecondition: Sendable, Hashable {
    /// Write whatever is there.
    case any
    /// The parameter must not exist yet.
    case absent
    /// The parameter must still be at this version.
    case version(Int)
}

public enum ParameterStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case versionMismatch(name: String, expected: ParameterPrecondition, actual: Int?)

    public var description: String {
        switch self {
        case .versionMismatch(let name, let expected, let actual):
            "SSM parameter \(name) changed under us (expected \(expected), found \(actual.map(String.init) ?? "no parameter"))"
        }
    }
}
