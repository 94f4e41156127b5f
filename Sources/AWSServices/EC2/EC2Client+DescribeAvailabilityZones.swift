import AWSCore

extension EC2Client {
    /// The region's availability zones (only those enabled for the account, EC2's default),
    /// optionally restricted to some names. Unknown names fail with `InvalidParameterValue`.
    public func describeAvailabilityZones(zoneNames: [String] = []) async throws -> [EC2AvailabilityZone] {
        var parameters: [(String, String)] = []
        for (index, name) in zoneNames.enumerated() {
            try ServiceInputError.validateIdentifier(name, parameter: "ZoneName")
            parameters.append(("ZoneName.\(index + 1)", name))
        }
        let request = AWSServiceRequest(service: .ec2, operation: "DescribeAvailabilityZones", idempotent: true)
            .queryForm(parameters)
        return try await executor.send(request) { response in
            let root = try XMLResponse.root(of: response, service: .ec2, operation: "DescribeAvailabilityZones")
            return try (root.child("availabilityZoneInfo")?.children("item") ?? []).map { item in
                let name = try XMLResponse.required(item, "zoneName", service: .ec2, operation: "DescribeAvailabilityZones")
                func optional(_ field: String) -> String? { XMLResponse.optional(item, field) }
                return EC2AvailabilityZone(zoneName: name, zoneId: optional("zoneId"),
                                           state: optional("zoneState") ?? optional("state") ?? "available",
                                           regionName: optional("regionName"))
            }
        }
    }
}
