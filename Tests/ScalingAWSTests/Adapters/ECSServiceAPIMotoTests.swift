import AWSCore
import AWSServices
import Foundation
import Logging
import Scaling
import ScalingAWS
import Testing
import TestSupport

/// The ECS adapter's task listing against moto with signature checking, as the application user
/// (whose policy must name ecs:ListTasks, ecs:DescribeTasks and ecs:DescribeContainerInstances).
/// moto runs only tasks without awsvpc, so this is the container-instance path; the ENI path is
/// covered by `ECSServiceAPITests` on recorded-shape answers.
@Suite(.serialized) struct ECSServiceAPIMotoTests {
    @Test func aRunTaskOnAContainerInstanceIsPlacedInTheInstancesZone() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let environment = scenario.environment()
            let client = try AWSClient.fromEnvironment(environment, transport: CurlTransport(environment: [:]),
                                                       logger: Logger(label: "moto") { _ in SwiftLogNoOpLogHandler() })
            let api = ECSServiceAPI(ecs: ECSClient(executor: client), cluster: try #require(scenario.clusterName),
                                    service: try #require(scenario.serviceName))
            let before = try await api.runningTasks()
            let zone = try #require(scenario.zones?.last)
            let subnet = try #require(scenario.subnetsByAz?[zone]?.first)
            let started = try await scenario.runBridgeTask(subnet: subnet)
            #expect(started.zone == zone)
            let tasks = try await api.runningTasks()
            let task = try #require(tasks.first { $0.arn == started.taskArn }, "\(tasks) (before: \(before))")
            #expect(task.subnetId == nil, "bridge mode: no ENI")
            #expect(task.availabilityZone == zone, "placed by its container instance's ecs.availability-zone")
        }
    }
}
