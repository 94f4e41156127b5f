import Routing
import Testing

@Suite struct MountTargetListTests {
    @Test func parsesThePublishedDocumentAndIgnoresExtraFields() throws {
        let json = """
        {"mount_targets":[{"mount_target_id":"fsmt-1","ip_address":"10.0.1.10","availability_zone":"ap-northeast-1a","subnet_id":"subnet-a","state":"available"}],"updated_at":"2026-01-01T00:00:00Z"}
        """
        let targets = try MountTargetList.parse(Array(json.utf8), source: "test")
        #expect(targets == [RouteTarget(mountTargetId: "fsmt-1", ipAddress: "10.0.1.10", availabilityZone: "ap-northeast-1a", subnetId: "subnet-a")])
    }

    @Test(arguments: [
        ("{\"mount_targets\":[{\"mount_target_id\":\"a\",\"ip_address\":\"1\",\"availability_zone\":\"z\",\"subnet_id\":\"s\"},{\"mount_target_id\":\"b\",\"ip_address\":7,\"availability_zone\":\"z\",\"subnet_id\":\"s\"}]}", "mount_targets[1].ip_address"),
        ("{\"mount_targets\":[{\"mount_target_id\":\"a\",\"ip_address\":\"1\",\"subnet_id\":\"s\"}]}", "mount_targets[0].availability_zone"),
        ("{\"mount_targets\":[{\"mount_target_id\":\"\",\"ip_address\":\"1\",\"availability_zone\":\"z\",\"subnet_id\":\"s\"}]}", "mount_targets[0].mount_target_id is empty"),
        ("{\"targets\":[]}", "mount_targets: missing"),
        ("{\"mount_targets\":{}}", "mount_targets: expected"),
        ("{\"mount_targets\":[", "not valid JSON"),
    ])
    func namesTheFieldAtFault(json: String, expected: String) throws {
        let error = try #require(throws: RoutingError.self) { try MountTargetList.parse(Array(json.utf8), source: "/ssm/list") }
        #expect(error.code == .invalidList)
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(error.description.contains("/ssm/list"))
    }
}
