/// The fields of an ECS task description that tell where the task runs.
public struct ECSTask: Decodable, Sendable, Equatable {
    public var taskArn: String
    public var lastStatus: String?
    public var desiredStatus: String?
    /// "service:<name>" for a service's task, "family:<name>" for `RunTask` and scheduled tasks.
    public var group: String?
    public var launchType: String?
    /// ECS reports it for Fargate and EC2 tasks alike; absent in some emulators.
    public var availabilityZone: String?
    /// Set for tasks on EC2 container instances (any network mode).
    public var containerInstanceArn: String?
    public var attachments: [ECSAttachment]

    public init(taskArn: String, lastStatus: String? = nil, desiredStatus: String? = nil, group: String? = nil,
                launchType: String? = nil, availabilityZone: String? = nil, containerInstanceArn: String? = nil,
                attachments: [ECSAttachment] = []) {
        self.taskArn = taskArn
        self.lastStatus = lastStatus
        self.desiredStatus = desiredStatus
        self.group = group
        self.launchType = launchType
        self.availabilityZone = availabilityZone
        self.containerInstanceArn = containerInstanceArn
        self.attachments = attachments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        taskArn = try c.decode(String.self, forKey: .taskArn)
        lastStatus = try c.decodeIfPresent(String.self, forKey: .lastStatus)
        desiredStatus = try c.decodeIfPresent(String.self, forKey: .desiredStatus)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        launchType = try c.decodeIfPresent(String.self, forKey: .launchType)
        availabilityZone = try c.decodeIfPresent(String.self, forKey: .availabilityZone)
        containerInstanceArn = try c.decodeIfPresent(String.self, forKey: .containerInstanceArn)
        attachments = try c.decodeIfPresent([ECSAttachment].self, forKey: .attachments) ?? []
    }

    enum CodingKeys: String, CodingKey {
        case taskArn, lastStatus, desiredStatus, group, launchType, availabilityZone, containerInstanceArn, attachments
    }

    /// The subnet of the task's ENI (`attachments[type=ElasticNetworkInterface].details[name=subnetId]`);
    /// `nil` for bridge and host networking.
    public var subnetId: String? {
        attachments.lazy.filter { $0.type == "ElasticNetworkInterface" }
            .compactMap { $0.details.first { $0.name == "subnetId" }?.value }.first
    }
}

/// A task attachment: for awsvpc tasks, the ENI with its subnet and address.
public struct ECSAttachment: Decodable, Sendable, Equatable {
    public var id: String?
    public var type: String?
    public var status: String?
    public var details: [Detail]

    public struct Detail: Decodable, Sendable, Equatable {
        public var name: String?
        public var value: String?

        public init(name: String?, value: String?) {
            self.name = name
            self.value = value
        }
    }

    public init(id: String? = nil, type: String?, status: String? = nil, details: [Detail]) {
        self.id = id
        self.type = type
        self.status = status
        self.details = details
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        details = try c.decodeIfPresent([Detail].self, forKey: .details) ?? []
    }

    enum CodingKeys: String, CodingKey { case id, type, status, details }
}
