import Foundation
import Testing
@testable import EFSAutoscalerCLI

/// `doctor --json` keeps its keys whatever the Swift properties are called: scripts read them.
@Suite struct DoctorRenderingTests {
    @Test func theJSONKeysAreTheDocumentedOnes() throws {
        let report = PreflightReport(region: "us-east-1", endpoints: ["efs": "https://efs.us-east-1.amazonaws.com"],
                                     credentialsSource: "environment", accessKeyId: "AKIDEXAMPLE", credentialsError: "none",
                                     checks: [PreflightCheck(action: "subnets", target: "vpc-1", status: .ok, detail: "3 subnets")])
        let json = try DoctorRendering.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["region", "endpoints", "credentialsSource", "accessKeyID", "credentialsError", "checks", "passed"])
        #expect(object["accessKeyID"] as? String == "AKIDEXAMPLE")
        #expect(try JSONDecoder().decode(PreflightReport.self, from: Data(json.utf8)) == report)
    }
}
