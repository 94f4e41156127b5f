/// Response bodies recorded from moto 5.2 (and shaped like AWS's documented examples),
/// trimmed only where noted. Kept verbatim so decoding meets the extra fields and nulls that
/// real services send.
enum RecordedResponses {
    static let describeFileSystems = #"""
    {"FileSystems": [{"CreationToken": "x", "PerformanceMode": "generalPurpose", "Encrypted": false, "KmsKeyId": null, "ThroughputMode": "bursting", "ProvisionedThroughputInMibps": null, "AvailabilityZoneName": null, "AvailabilityZoneId": null, "LifecyclePolicies": [], "FileSystemPolicy": null, "FileSystemId": "fs-6088874a", "FileSystemArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-6088874a", "CreationTime": 1795317632.2973738, "OwnerId": "123456789012", "LifeCycleState": "available", "Tags": [], "SizeInBytes": {"Value": 0, "ValueInIA": 0, "ValueInStandard": 0, "Timestamp": 1795317632.3194962}, "NumberOfMountTargets": 1, "Name": null}]}
    """#

    static func mountTarget(_ id: String, subnet: String, zone: String, ip: String) -> String {
        #"{"FileSystemId": "fs-6088874a", "SubnetId": "\#(subnet)", "VpcId": "vpc-d0324d55b1bff6968", "SecurityGroups": ["sg-e0b1d61b4960a4cef"], "IpAddress": "\#(ip)", "OwnerId": "123456789012", "MountTargetId": "\#(id)", "LifeCycleState": "available", "NetworkInterfaceId": "eni-0c0be6f4bcd77165e", "AvailabilityZoneId": null, "AvailabilityZoneName": "\#(zone)"}"#
    }

    static func describeMountTargets(_ targets: [String], nextMarker: String?) -> String {
        let marker = nextMarker.map { #", "NextMarker": "\#($0)""# } ?? #", "NextMarker": null"#
        return #"{"MountTargets": [\#(targets.joined(separator: ", "))]\#(marker), "Marker": null}"#
    }

    static func describeSubnets(_ items: [(id: String, zone: String)], nextToken: String?) -> String {
        let body = items.map { item in
            "<item><availabilityZoneId>use1-az6</availabilityZoneId><ownerId>123456789012</ownerId><tagSet/><privateDnsNameOptionsOnLaunch><hostnameType>ip-name</hostnameType></privateDnsNameOptionsOnLaunch><subnetId>\(item.id)</subnetId><state>available</state><vpcId>vpc-d0324d55b1bff6968</vpcId><cidrBlock>10.0.1.0/24</cidrBlock><availableIpAddressCount>251</availableIpAddressCount><availabilityZone>\(item.zone)</availabilityZone><defaultForAz>false</defaultForAz></item>"
        }.joined()
        let token = nextToken.map { "<nextToken>\($0)</nextToken>" } ?? ""
        return #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
            + #"<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><requestId>r-1</requestId><subnetSet>\#(body)</subnetSet>\#(token)</DescribeSubnetsResponse>"#
    }

    /// moto 5.2's answer for one group, verbatim.
    static let describeSecurityGroups = #"""
    <?xml version="1.0" encoding="utf-8"?>
    <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><securityGroupInfo><item><groupId>sg-4309d6b76f00e5c3a</groupId><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress><tagSet/><vpcId>vpc-5a04d940871543546</vpcId><securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/sg-4309d6b76f00e5c3a</securityGroupArn><ownerId>123456789012</ownerId><groupName>x</groupName><groupDescription>d</groupDescription><ipPermissions/></item></securityGroupInfo><requestId>request-id</requestId></DescribeSecurityGroupsResponse>
    """#

    /// ap-northeast-1 as AWS returns it: no 1b.
    static let describeAvailabilityZonesTokyo = #"""
    <?xml version="1.0" encoding="UTF-8"?>
    <DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
        <requestId>e23c5a54-a29c-43ee-8b55-0c13c26e9e01</requestId>
        <availabilityZoneInfo>
            <item><zoneName>ap-northeast-1a</zoneName><zoneState>available</zoneState><regionName>ap-northeast-1</regionName><messageSet/><zoneId>apne1-az4</zoneId><zoneType>availability-zone</zoneType></item>
            <item><zoneName>ap-northeast-1c</zoneName><zoneState>available</zoneState><regionName>ap-northeast-1</regionName><messageSet/><zoneId>apne1-az1</zoneId><zoneType>availability-zone</zoneType></item>
            <item><zoneName>ap-northeast-1d</zoneName><zoneState>impaired</zoneState><regionName>ap-northeast-1</regionName><messageSet><item><message>degraded</message></item></messageSet><zoneId>apne1-az2</zoneId><zoneType>availability-zone</zoneType></item>
        </availabilityZoneInfo>
    </DescribeAvailabilityZonesResponse>
    """#

    static let getParameter = #"""
    {"Parameter": {"Name": "/p", "Type": "String", "Value": "{\"mount_targets\":[]}", "Version": 7, "LastModifiedDate": 1795317632.525, "ARN": "arn:aws:ssm:us-east-1:123456789012:parameter/p", "DataType": "text", "Selector": null}}
    """#

    static let getParameterISODate = #"""
    {"Parameter": {"Name": "/p", "Type": "String", "Value": "v", "Version": 2, "LastModifiedDate": "2026-11-22T03:15:22.500Z"}}
    """#

    static let describeServices = #"""
    {"services": [{"serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/c/s", "serviceName": "s", "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/c", "loadBalancers": [], "serviceRegistries": [], "status": "ACTIVE", "desiredCount": 2, "runningCount": 1, "pendingCount": 1, "launchType": "FARGATE", "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/f:1", "taskSets": [], "deployments": [{"id": "ecs-svc/536971826846958837", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/f:2", "desiredCount": 2, "pendingCount": 1, "runningCount": 1, "failedTasks": 0, "createdAt": 1795317633.11, "updatedAt": 1795317640.5, "launchType": "FARGATE", "rolloutState": "IN_PROGRESS", "rolloutStateReason": "ECS deployment in progress."}, {"id": "ecs-svc/1", "status": "ACTIVE", "desiredCount": 0, "runningCount": 1, "createdAt": "2026-11-22T03:00:00Z", "updatedAt": null, "rolloutState": "COMPLETED"}], "events": [], "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"], "securityGroups": ["sg-1"], "assignPublicIp": "ENABLED"}}, "schedulingStrategy": "REPLICA", "deploymentController": {"type": "ECS"}, "propagateTags": "NONE"}], "failures": []}
    """#

    static let describeServicesMissing = #"""
    {"services": [], "failures": [{"arn": "arn:aws:ecs:us-east-1:123456789012:service/nope", "reason": "MISSING"}]}
    """#
}
