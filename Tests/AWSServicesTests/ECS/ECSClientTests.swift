import AWSCore
import Foundation
import Testing
@testable import AWSServices

@Suite struct ECSClientTests {
    @Test func describeServiceDecodesDeploymentsAndNetwork() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeServices)
        let service = try await ECSClient(executor: executor).describeService(cluster: "c", service: "s")
        #expect(service.desiredCount == 2)
        #expect(service.deployments.count == 2)
        let primary = try #require(service.primaryDeployment)
        #expect(primary.id == "ecs-svc/536971826846958837")
        #expect(primary.rolloutState == "IN_PROGRESS")
        #expect(primary.runningCount == 1)
        #expect(primary.updatedAt?.timeIntervalSince1970 == 1795317640.5)
        #expect(service.deployments[1].createdAt?.timeIntervalSince1970 == 1795316400)
        #expect(service.deployments[1].updatedAt == nil)
        #expect(service.awsvpcConfiguration == ECSAwsVpcConfiguration(subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-1"], assignPublicIp: "ENABLED"))
        let request = try #require(executor.requests.first)
        #expect(request.operation == "DescribeServices" && request.headers["X-Amz-Target"] == nil) // protocol headers are AWSClient's to set
        #expect(request.bodyText == #"{"cluster":"c","services":["s"]}"#)
    }

    @Test func aMissingServiceIsServiceNotFound() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.describeServicesMissing)
        let error = await #expect(throws: AWSError.self) { try await ECSClient(executor: executor).describeService(cluster: "c", service: "nope") }
        #expect(error?.kind == .serviceNotFound)
        #expect(error?.code == "ServiceNotFoundException")
        #expect(error?.message.contains("MISSING") == true)
    }

    @Test func updateServiceKeepsSecurityGroupsAndPublicIp() async throws {
        let executor = ReplayExecutor { request, _ in
            let wrapped = RecordedResponses.describeServices.replacingOccurrences(of: #"{"services": ["#, with: #"{"service": "#)
                .replacingOccurrences(of: #"], "failures": []}"#, with: "}")
            return HTTPResponse(status: 200, body: Array(wrapped.utf8))
        }
        let current = ECSAwsVpcConfiguration(subnets: ["subnet-a", "subnet-b"], securityGroups: ["sg-1"], assignPublicIp: "ENABLED")
        let updated = try await ECSClient(executor: executor).updateService(cluster: "c", service: "s",
                                                                           awsvpcConfiguration: current.withSubnets(["subnet-c"]), forceNewDeployment: true)
        #expect(updated.serviceName == "s")
        let request = try #require(executor.requests.first)
        #expect(!request.idempotent)
        #expect(request.operation == "UpdateService" && request.headers["X-Amz-Target"] == nil) // protocol headers are AWSClient's to set
        #expect(request.bodyText == #"{"cluster":"c","forceNewDeployment":true,"networkConfiguration":{"awsvpcConfiguration":{"assignPublicIp":"ENABLED","securityGroups":["sg-1"],"subnets":["subnet-c"]}},"service":"s"}"#)
    }

    @Test func updateServiceWithoutSubnetsIsRejected() async throws {
        let executor = ReplayExecutor(body: "{}")
        await #expect(throws: ServiceInputError.self) {
            try await ECSClient(executor: executor).updateService(cluster: "c", service: "s",
                                                                  awsvpcConfiguration: .init(subnets: [], securityGroups: ["sg"]), forceNewDeployment: true)
        }
        #expect(executor.requests.isEmpty)
    }
}
