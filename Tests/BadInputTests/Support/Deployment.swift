import AWSCore
import AWSServices
import Foundation
import Logging
import Scaling
import TestSupport

/// A seeded emulator deployment in which a *valid* run scales out (the tree holds more files
/// than `FILE_COUNT_THRESHOLD`), so that a bad input which slipped through would show up as
/// `CreateMountTarget`, `PutParameter` or `UpdateService` in the request log.
struct Deployment: Sendable {
    let moto: MotoServer
    let scenario: Scenario
    let targetDirectory: URL
    /// A subnet of another VPC (moto's default VPC), for "subnet outside the VPC".
    let foreignSubnetId: String
    let foreignVpcId: String
    /// A security group of that other VPC, for "security group outside the VPC".
    let foreignSecurityGroupId: String

    static func seed(_ moto: MotoServer) async throws -> Deployment {
        let scenario = try await Scenario.seed(on: moto)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-tree-\(UUID().uuidString)")
        for index in 0..<5 {
            let sub = directory.appendingPathComponent("d\(index)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: sub.appendingPathComponent("f").path, contents: nil)
        }
        let foreign = try await foreignSubnet(scenario)
        let deployment = Deployment(moto: moto, scenario: scenario, targetDirectory: directory,
                                    foreignSubnetId: foreign.subnet, foreignVpcId: foreign.vpc,
                                    foreignSecurityGroupId: try await foreignSecurityGroup(scenario))
        try await moto.clearRequestLog()
        return deployment
    }

    func remove() { try? FileManager.default.removeItem(at: targetDirectory) }

    /// The environment of a valid run that would scale out and manage the service's subnets.
    var environment: [String: String] {
        scenario.environment().merging([
            "TARGET_DIRECTORY": targetDirectory.path,
            "FILE_COUNT_THRESHOLD": "2",
            "MANAGE_SERVICE_SUBNETS": "true",
            "COUNT_CACHE_TTL_SECONDS": "0",
            "SCALE_OUT_COOLDOWN_SECONDS": "0",
            "LOG_LEVEL": "warning",
            "LOG_FORMAT": "text",
        ]) { $1 }
    }

    /// Values for `${…}` placeholders in the corpus.
    var placeholders: [String: String] {
        [
            "listParameter": scenario.parameterName ?? "", "stateParameter": scenario.stateParameterName ?? "",
            "vpcId": scenario.vpcId ?? "", "subnetId": scenario.serviceSubnetIds?.first ?? "",
            "foreignSubnetId": foreignSubnetId, "foreignVpcId": foreignVpcId,
            "foreignSecurityGroupId": foreignSecurityGroupId, "securityGroupId": scenario.securityGroupId ?? "",
            "fileSystemId": scenario.fileSystemId ?? "", "targetDirectory": targetDirectory.path,
            "endpoint": moto.endpoint, "serviceName": scenario.serviceName ?? "",
        ]
    }

    /// Writes `value` to a parameter as the administrator (the Advanced tier, so that documents
    /// over the 4 KB Standard limit can be planted), then clears moto's request log.
    func plant(parameter name: String, value: String) async throws {
        struct Input: Encodable {
            var Name: String
            var Value: String
            var `Type` = "String"
            var Overwrite = true
            var Tier = "Advanced"
        }
        let body = try JSONEncoder().encode(Input(Name: name, Value: value))
        let request = AWSServiceRequest(service: .ssm, operation: "PutParameter", body: Array(body),
                                        idempotent: true)
        var withHeaders = request
        withHeaders.headers.add("X-Amz-Target", "AmazonSSM.PutParameter")
        withHeaders.headers.add("Content-Type", "application/x-amz-json-1.1")
        _ = try await Self.admin(scenario).execute(withHeaders)
        try await moto.clearRequestLog()
    }

    /// A subnet of moto's default VPC. `EC2Client.describeSubnets` insists on a VPC or ids (the
    /// app never lists a whole account), so this asks EC2 directly.
    static func foreignSubnet(_ scenario: Scenario) async throws -> (subnet: String, vpc: String) {
        let found = try await foreign("DescribeSubnets", id: "subnetId", scenario)
        return (found.id, found.vpc)
    }

    /// A security group of moto's default VPC (its default group), found the same way.
    static func foreignSecurityGroup(_ scenario: Scenario) async throws -> String {
        try await foreign("DescribeSecurityGroups", id: "groupId", scenario).id
    }

    /// The first item of an unfiltered EC2 describe call whose `vpcId` is not the scenario's.
    private static func foreign(_ action: String, id idField: String, _ scenario: Scenario) async throws -> (id: String, vpc: String) {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        let request = AWSServiceRequest(service: .ec2, operation: action, headers: headers,
                                        body: Array("Action=\(action)&Version=2016-11-15".utf8), idempotent: true)
        let root = try XMLNode.parse(try await admin(scenario).execute(request).body)
        // The response's one set element (subnetSet, securityGroupInfo) holds the items.
        for item in root.children.flatMap({ $0.children.filter { $0.name == "item" } }) {
            if let id = item.child(idField)?.text, let vpc = item.child("vpcId")?.text, vpc != scenario.vpcId {
                return (id, vpc)
            }
        }
        throw MotoServerError("moto has no \(action) item outside the scenario's VPC")
    }

    /// The state document as a run reads it, its lease removed; `.initial` when absent.
    func stateDocument() async throws -> StateDocument {
        let name = scenario.stateParameterName ?? ""
        do {
            let value = try await SSMClient(executor: try Self.admin(scenario)).getParameter(name: name).value
            var document = try StateDocument.decode(value, parameter: name)
            document.lease = nil
            return document
        } catch let error as AWSError where error.code == "ParameterNotFound" {
            return .initial
        }
    }

    /// A client with the seeded administrator's keys: set-up and inspection only.
    static func admin(_ scenario: Scenario) throws -> AWSClient {
        var env = scenario.environment()
        env["AWS_ACCESS_KEY_ID"] = scenario.adminAccessKeyId
        env["AWS_SECRET_ACCESS_KEY"] = scenario.adminSecretAccessKey
        return try AWSClient.fromEnvironment(env, logger: Logger(label: "bad-input-admin") { _ in SwiftLogNoOpLogHandler() })
    }
}
