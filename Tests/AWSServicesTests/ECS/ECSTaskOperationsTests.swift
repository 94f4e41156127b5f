import AWSCore
import Foundation
import Testing
@testable import AWSServices

/// ListTasks, DescribeTasks and DescribeContainerInstances (issue 16's drain: where does every
/// task of the cluster run?) against bodies shaped like AWS's documented answers.
@Suite struct ECSTaskOperationsTests {
    static func taskArn(_ index: Int) -> String { "arn:aws:ecs:us-east-1:123456789012:task/c/\(String(format: "%032x", index))" }

    /// An awsvpc (Fargate) task with its ENI in `subnet`, as DescribeTasks returns it.
    static func fargateTask(_ arn: String, subnet: String) -> String {
        #"{"taskArn": "\#(arn)", "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/c", "lastStatus": "RUNNING", "desiredStatus": "RUNNING", "group": "service:s", "launchType": "FARGATE", "availabilityZone": "us-east-1b", "attachments": [{"id": "a1", "type": "ElasticNetworkInterface", "status": "ATTACHED", "details": [{"name": "subnetId", "value": "\#(subnet)"}, {"name": "networkInterfaceId", "value": "eni-0abc"}, {"name": "macAddress", "value": "0e:00:00:00:00:01"}, {"name": "privateIPv4Address", "value": "10.0.2.15"}]}], "containers": [], "createdAt": 1795317633.11}"#
    }

    @Test func listTasksFollowsEveryPageAndAsksForRunningTasks() async throws {
        let executor = ReplayExecutor { request, index in
            let body = index == 0
                ? #"{"taskArns": ["\#(Self.taskArn(1))", "\#(Self.taskArn(2))"], "nextToken": "page-2"}"#
                : #"{"taskArns": ["\#(Self.taskArn(3))"]}"#
            return HTTPResponse(status: 200, body: Array(body.utf8))
        }
        let arns = try await ECSClient(executor: executor).listTasks(cluster: "c")
        #expect(arns == [Self.taskArn(1), Self.taskArn(2), Self.taskArn(3)])
        #expect(executor.requests.count == 2)
        #expect(executor.requests[0].operation == "ListTasks")
        #expect(executor.requests[0].bodyText == #"{"cluster":"c","desiredStatus":"RUNNING","maxResults":100}"#)
        #expect(executor.requests[1].bodyText == #"{"cluster":"c","desiredStatus":"RUNNING","maxResults":100,"nextToken":"page-2"}"#)
        #expect(executor.requests.allSatisfy { $0.idempotent })
    }

    @Test func aRepeatedNextTokenThrowsInsteadOfLooping() async throws {
        let executor = ReplayExecutor(body: #"{"taskArns": [], "nextToken": "same"}"#)
        await #expect(throws: ServiceResponseError.self) { try await ECSClient(executor: executor).listTasks(cluster: "c") }
        #expect(executor.requests.count == 2)
    }

    @Test func describeTasksAsksAtMostAHundredAtATimeAndReadsTheENISubnet() async throws {
        let arns = (0..<150).map(Self.taskArn)
        let executor = ReplayExecutor { request, _ in
            let asked = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
            let tasks = (asked?["tasks"] as? [String] ?? []).map { Self.fargateTask($0, subnet: "subnet-0b1") }
            return HTTPResponse(status: 200, body: Array(#"{"tasks": [\#(tasks.joined(separator: ","))], "failures": []}"#.utf8))
        }
        let tasks = try await ECSClient(executor: executor).describeTasks(cluster: "c", tasks: arns)
        #expect(executor.requests.count == 2)
        #expect(executor.requests.map { request in
            ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any])?["tasks"] as? [String] ?? []
        }.map(\.count) == [100, 50])
        #expect(tasks.count == 150)
        #expect(tasks[0].subnetId == "subnet-0b1" && tasks[0].availabilityZone == "us-east-1b" && tasks[0].group == "service:s")
        #expect(executor.requests[0].operation == "DescribeTasks")
    }

    @Test func aTaskThatStoppedMeanwhileIsLeftOutAnyOtherFailureThrows() async throws {
        let missing = ReplayExecutor(body: #"{"tasks": [], "failures": [{"arn": "\#(Self.taskArn(1))", "reason": "MISSING"}]}"#)
        #expect(try await ECSClient(executor: missing).describeTasks(cluster: "c", tasks: [Self.taskArn(1)]).isEmpty)
        let other = ReplayExecutor(body: #"{"tasks": [], "failures": [{"arn": "\#(Self.taskArn(1))", "reason": "ACCESS_DENIED"}]}"#)
        await #expect(throws: ServiceResponseError.self) {
            try await ECSClient(executor: other).describeTasks(cluster: "c", tasks: [Self.taskArn(1)])
        }
        let empty = ReplayExecutor(body: "{}")
        await #expect(throws: ServiceResponseError.self, "an empty answer says nothing about the tasks") {
            try await ECSClient(executor: empty).describeTasks(cluster: "c", tasks: [Self.taskArn(1)])
        }
        let none = ReplayExecutor(body: "{}")
        #expect(try await ECSClient(executor: none).describeTasks(cluster: "c", tasks: []).isEmpty)
        #expect(none.requests.isEmpty)
    }

    @Test func aBridgeTaskHasNoSubnetAndNamesItsContainerInstance() throws {
        let body = #"{"taskArn": "t1", "lastStatus": "RUNNING", "launchType": "EC2", "containerInstanceArn": "arn:aws:ecs:us-east-1:123456789012:container-instance/c/ci1", "attachments": [], "containers": []}"#
        let task = try JSONDecoder().decode(ECSTask.self, from: Data(body.utf8))
        #expect(task.subnetId == nil && task.containerInstanceArn?.hasSuffix("ci1") == true && task.availabilityZone == nil)
    }

    @Test func describeContainerInstancesReadsTheAgentsAvailabilityZone() async throws {
        let executor = ReplayExecutor(body: #"""
        {"containerInstances": [{"containerInstanceArn": "arn:aws:ecs:us-east-1:123456789012:container-instance/c/ci1", "ec2InstanceId": "i-0abc", "status": "ACTIVE", "attributes": [{"name": "ecs.capability.docker-remote-api.1.17"}, {"name": "ecs.availability-zone", "value": "us-east-1c"}, {"name": "ecs.instance-type", "value": "m5.large"}], "runningTasksCount": 2}], "failures": []}
        """#)
        let instances = try await ECSClient(executor: executor).describeContainerInstances(
            cluster: "c", arns: ["arn:aws:ecs:us-east-1:123456789012:container-instance/c/ci1"])
        #expect(instances.first?.availabilityZone == "us-east-1c" && instances.first?.ec2InstanceId == "i-0abc")
        #expect(executor.requests.first?.operation == "DescribeContainerInstances")
        let failing = ReplayExecutor(body: #"{"containerInstances": [], "failures": [{"arn": "ci9", "reason": "MISSING"}]}"#)
        await #expect(throws: ServiceResponseError.self, "tasks on an instance that cannot be described could be anywhere") {
            try await ECSClient(executor: failing).describeContainerInstances(cluster: "c", arns: ["ci9"])
        }
    }

    /// A circuit-breaker rollback as DescribeServices shows it: each deployment has its own
    /// network configuration and running count.
    @Test func eachDeploymentKeepsItsOwnSubnetsAndRunningCount() async throws {
        let executor = ReplayExecutor(body: #"""
        {"services": [{"serviceName": "s", "status": "ACTIVE", "desiredCount": 2, "runningCount": 3, "deploymentController": {"type": "ECS"}, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}}, "deployments": [{"id": "ecs-svc/2", "status": "PRIMARY", "runningCount": 1, "desiredCount": 2, "rolloutState": "IN_PROGRESS", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}}}, {"id": "ecs-svc/1", "status": "ACTIVE", "runningCount": 2, "desiredCount": 0, "rolloutState": "FAILED", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"], "securityGroups": ["sg-1"]}}}, {"id": "ecs-svc/0", "status": "INACTIVE", "runningCount": 0}]}], "failures": []}
        """#)
        let service = try await ECSClient(executor: executor).describeService(cluster: "c", service: "s")
        #expect(service.deployments.map(\.awsvpcConfiguration?.subnets) == [["subnet-a", "subnet-b"], ["subnet-a"], nil])
        #expect(service.deployments.map(\.runningCount) == [1, 2, 0])
        #expect(service.deployments.map(\.rolloutState) == ["IN_PROGRESS", "FAILED", nil])
    }
}
