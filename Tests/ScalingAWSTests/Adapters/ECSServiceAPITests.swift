import AWSCore
import AWSServices
import Foundation
import Scaling
import ScalingAWS
import Synchronization
import Testing

/// The ECS adapter's reading of where the cluster's tasks run, against recorded-shape answers
/// (moto cannot run awsvpc tasks): awsvpc tasks by their ENI's subnet, bridge tasks by their
/// container instance's AZ, stopping tasks included, stopped ones left out.
@Suite struct ECSServiceAPITests {
    /// Answers each operation with a fixed body, and records what was asked.
    final class ScriptedECS: AWSRequestExecutor {
        let bodies: [String: @Sendable (String) -> String]
        let asked = Mutex<[String]>([])

        init(_ bodies: [String: @Sendable (String) -> String]) { self.bodies = bodies }

        func execute(_ request: AWSServiceRequest) async throws -> HTTPResponse {
            let input = String(decoding: request.body, as: UTF8.self)
            asked.withLock { $0.append("\(request.operation) \(input)") }
            let body = bodies[request.operation]?(input) ?? "{}"
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
    }

    @Test func runningTasksPlacesEveryTaskOfTheCluster() async throws {
        let ecs = ScriptedECS([
            "ListTasks": { input in
                input.contains("\"RUNNING\"") ? #"{"taskArns": ["t-fargate", "t-bridge"]}"# : #"{"taskArns": ["t-stopping", "t-stopped"]}"#
            },
            "DescribeTasks": { _ in #"""
                {"tasks": [
                 {"taskArn": "t-fargate", "lastStatus": "RUNNING", "availabilityZone": "us-east-1b", "attachments": [{"type": "ElasticNetworkInterface", "details": [{"name": "subnetId", "value": "subnet-0b1"}]}]},
                 {"taskArn": "t-bridge", "lastStatus": "RUNNING", "containerInstanceArn": "ci-1", "attachments": []},
                 {"taskArn": "t-stopping", "lastStatus": "DEACTIVATING", "desiredStatus": "STOPPED", "attachments": [{"type": "ElasticNetworkInterface", "details": [{"name": "subnetId", "value": "subnet-0c1"}]}]},
                 {"taskArn": "t-stopped", "lastStatus": "STOPPED", "desiredStatus": "STOPPED", "attachments": [{"type": "ElasticNetworkInterface", "details": [{"name": "subnetId", "value": "subnet-0d1"}]}]}
                ], "failures": []}
                """# },
            "DescribeContainerInstances": { _ in
                #"{"containerInstances": [{"containerInstanceArn": "ci-1", "attributes": [{"name": "ecs.availability-zone", "value": "us-east-1d"}]}], "failures": []}"#
            },
        ])
        let api = ECSServiceAPI(ecs: ECSClient(executor: ecs), cluster: "c", service: "s")
        let tasks = try await api.runningTasks()
        #expect(tasks.sorted { $0.arn < $1.arn } == [
            ClusterTask(arn: "t-bridge", subnetId: nil, availabilityZone: "us-east-1d"),
            ClusterTask(arn: "t-fargate", subnetId: "subnet-0b1", availabilityZone: "us-east-1b"),
            ClusterTask(arn: "t-stopping", subnetId: "subnet-0c1", availabilityZone: nil),
        ])
        let operations = ecs.asked.withLock { $0 }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(operations == ["ListTasks", "ListTasks", "DescribeTasks", "DescribeContainerInstances"])
    }

    @Test func describeServiceKeepsEachDeploymentsSubnetsAndSaysWhenThereIsNoAwsvpc() async throws {
        let ecs = ScriptedECS(["DescribeServices": { _ in #"""
            {"services": [{"serviceName": "s", "deployments": [
              {"id": "d2", "status": "PRIMARY", "runningCount": 0, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1"]}}},
              {"id": "d1", "status": "ACTIVE", "rolloutState": "FAILED", "runningCount": 2, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1", "subnet-0c1"]}}},
              {"id": "d0", "status": "DRAINING_SOMEHOW", "rolloutState": "ROLLING_BACK"}
            ], "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1"], "securityGroups": ["sg-1"]}}}], "failures": []}
            """# }])
        let state = try await ECSServiceAPI(ecs: ECSClient(executor: ecs), cluster: "c", service: "s").describeService()
        #expect(state.usesAwsvpc)
        #expect(state.deployments.map(\.subnets) == [["subnet-0a1"], ["subnet-0a1", "subnet-0c1"], nil])
        #expect(state.deployments.map(\.runningCount) == [0, 2, nil])
        #expect(state.deployments.map(\.status) == [.primary, .active, .other("DRAINING_SOMEHOW")])
        #expect(state.deployments.map(\.rolloutState) == [nil, .failed, .other("ROLLING_BACK")])
        #expect(state.deployments[2].mayHaveRunningTasks, "an unknown running count counts as some")

        let bridge = ScriptedECS(["DescribeServices": { _ in
            #"{"services": [{"serviceName": "s", "launchType": "EC2", "deployments": [{"id": "d1", "status": "PRIMARY", "runningCount": 2}]}], "failures": []}"#
        }])
        let bridged = try await ECSServiceAPI(ecs: ECSClient(executor: bridge), cluster: "c", service: "s").describeService()
        #expect(!bridged.usesAwsvpc && bridged.subnets.isEmpty)
    }
}
