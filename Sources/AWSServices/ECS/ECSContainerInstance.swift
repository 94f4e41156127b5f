/// The fields of an ECS container instance the autoscaler reads: where it is.
public struct ECSContainerInstance: Decodable, Sendable, Equatable {
    public var containerInstanceArn: String
    public var ec2InstanceId: String?
    public var attributes: [Attribute]

    public struct Attribute: Decodable, Sendable, Equatable {
        public var name: String
        public var value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    public init(containerInstanceArn: String, ec2InstanceId: String? = nil, attributes: [Attribute] = []) {
        self.containerInstanceArn = containerInstanceArn
        self.ec2InstanceId = ec2InstanceId
        self.attributes = attributes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        containerInstanceArn = try c.decode(String.self, forKey: .containerInstanceArn)
        ec2InstanceId = try c.decodeIfPresent(String.self, forKey: .ec2InstanceId)
        attributes = try c.decodeIfPresent([Attribute].self, forKey: .attributes) ?? []
    }

    enum CodingKeys: String, CodingKey { case containerInstanceArn, ec2InstanceId, attributes }

    /// The `ecs.availability-zone` attribute the ECS agent registers.
    public var availabilityZone: String? {
        attributes.first { $0.name == "ecs.availability-zone" }?.value
    }
}
