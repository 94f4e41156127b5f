import AWSServices
import Scaling

/// `ParameterStore` over SSM. SSM has no conditional put, so a precondition is checked by
/// reading the version first; the window between read and write is what the lease covers
/// (see `ParameterStore`).
///
/// `description` labels a parameter this store creates; an overwrite never sends one, so a
/// parameter created by Terraform keeps the description Terraform gave it and a later plan
/// sees nothing to change (an in-place update would re-put the value it read at refresh).
public struct SSMParameterStore: ParameterStore {
    let ssm: SSMClient
    let description: String

    public init(ssm: SSMClient, description: String = "Managed by efs-autoscaler") {
        self.ssm = ssm
        self.description = description
    }

    public func get(name: String) async throws -> StoredParameter? {
        do {
            let parameter = try await ssm.getParameter(name: name)
            return StoredParameter(value: parameter.value, version: Int(parameter.version))
        } catch where serviceErrorKind(of: error) == .parameterNotFound {
            return nil
        }
    }

    public func put(name: String, value: String, expecting: ParameterPrecondition) async throws -> Int {
        switch expecting {
        case .any:
            break
        case .absent:
            do {
                return Int(try await ssm.putParameter(name: name, value: value, description: description, overwrite: false))
            } catch where serviceErrorKind(of: error) == .parameterAlreadyExists {
                throw ParameterStoreError.versionMismatch(name: name, expected: expecting, actual: try await get(name: name)?.version)
            }
        case .version(let expected):
            let current = try await get(name: name)?.version
            guard current == expected else {
                throw ParameterStoreError.versionMismatch(name: name, expected: expecting, actual: current)
            }
        }
        return Int(try await ssm.putParameter(name: name, value: value, overwrite: true))
    }
}
