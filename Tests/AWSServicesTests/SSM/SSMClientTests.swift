import AWSCore
import Foundation
import Testing
@testable import AWSServices

@Suite struct SSMClientTests {
    @Test func getParameterSendsItsBodyAndDecodesEpochDate() async throws {
        let executor = ReplayExecutor(body: RecordedResponses.getParameter)
        let parameter = try await SSMClient(executor: executor).getParameter(name: "/p")
        #expect(parameter.value == #"{"mount_targets":[]}"#)
        #expect(parameter.version == 7)
        #expect(parameter.lastModifiedDate?.timeIntervalSince1970 == 1795317632.525)
        let request = try #require(executor.requests.first)
        #expect(request.operation == "GetParameter" && request.headers["X-Amz-Target"] == nil) // protocol headers are AWSClient's to set
        #expect(request.bodyText == #"{"Name":"\/p","WithDecryption":false}"# || request.bodyText == #"{"Name":"/p","WithDecryption":false}"#)
    }

    @Test func getParameterDecodesISODate() async throws {
        let parameter = try await SSMClient(executor: ReplayExecutor(body: RecordedResponses.getParameterISODate)).getParameter(name: "/p")
        #expect(parameter.lastModifiedDate?.timeIntervalSince1970 == 1795317322.5)
    }

    @Test func putParameterOverwriteSendsTypeAndStandardTierButNeverADescription() async throws {
        let executor = ReplayExecutor(body: #"{"Version": 3, "Tier": "Standard"}"#)
        let version = try await SSMClient(executor: executor).putParameter(name: "/p", value: "v", description: "d", overwrite: true)
        #expect(version == 3)
        let request = try #require(executor.requests.first)
        #expect(request.operation == "PutParameter" && request.headers["X-Amz-Target"] == nil) // protocol headers are AWSClient's to set
        #expect(request.idempotent)
        let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        #expect(body?["Overwrite"] as? Bool == true)
        #expect(body?["Type"] as? String == "String")
        #expect(body?["Tier"] as? String == "Standard")
        // An overwrite keeps the description its creator (Terraform) set: no drift, no re-put.
        #expect(body?["Description"] == nil)
        #expect(body?["Value"] as? String == "v")
    }

    @Test func putParameterCreateSendsDescriptionAndStandardTier() async throws {
        let executor = ReplayExecutor(body: #"{"Version": 1, "Tier": "Standard"}"#)
        _ = try await SSMClient(executor: executor).putParameter(name: "/p", value: "v", description: "d", overwrite: false)
        let request = try #require(executor.requests.first)
        let body = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
        #expect(body?["Overwrite"] as? Bool == false)
        #expect(body?["Tier"] as? String == "Standard")
        #expect(body?["Description"] as? String == "d")
    }

    @Test func putParameterWithoutOverwriteIsNotIdempotentAndEmptyValueIsRejected() async throws {
        let executor = ReplayExecutor(body: #"{"Version": 1}"#)
        let client = SSMClient(executor: executor)
        _ = try await client.putParameter(name: "/p", value: "v", overwrite: false)
        #expect(executor.requests.first?.idempotent == false)
        #expect(executor.requests.first?.bodyText.contains("Description") == false)
        let error = await #expect(throws: ServiceInputError.self) { try await client.putParameter(name: "/p", value: "", overwrite: true) }
        #expect(error?.parameter == "Value")
        #expect(executor.requests.count == 1)
    }
}
