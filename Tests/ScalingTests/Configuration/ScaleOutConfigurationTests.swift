import Foundation
import Testing
@testable import Scaling

/// Issue 17's scale-out variables: SCALE_OUT_TIMEOUT_SECONDS, MOUNT_TARGET_SETTLE_SECONDS,
/// SCALE_IN_COOLDOWN_SECONDS (the old SCALE_OUT_COOLDOWN_SECONDS still gates both when it is
/// unset), SERVICE_SUBNET_IDS, and the preflight rules that need EC2's and ECS's answers.
@Suite struct ScaleOutConfigurationTests {
    let base = [
        "TARGET_DIRECTORY": "/mnt/efs", "EFS_FILE_SYSTEM_ID": "fs-0123abcd", "VPC_ID": "vpc-01",
        "SSM_PARAMETER_NAME": "/efs/mount-targets", "SECURITY_GROUP_ID": "sg-01",
        "ECS_CLUSTER_NAME": "workers", "ECS_SERVICE_NAME": "indexer",
    ]

    func parse(_ extra: [String: String]) throws(ConfigurationError) -> Configuration {
        try Configuration.parse(base.merging(extra) { _, new in new })
    }

    func problems(_ extra: [String: String]) -> [ConfigurationError.Problem] {
        do {
            _ = try parse(extra)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func defaults() throws {
        let config = try parse([:])
        #expect(config.scaleOutTimeoutSeconds == 1800 && config.mountTargetSettleSeconds == 90)
        #expect(config.scaleInCooldownSeconds == 300 && config.serviceSubnetIds == nil)
        #expect(config.policy.scaleOutTimeoutSeconds == 1800 && config.policy.mountTargetSettleSeconds == 90)
        #expect(config.policy.scaleInCooldownSeconds == 300)
    }

    @Test func valuesAreParsed() throws {
        let config = try parse(["SCALE_OUT_TIMEOUT_SECONDS": "3600", "MOUNT_TARGET_SETTLE_SECONDS": "0",
                                "SCALE_IN_COOLDOWN_SECONDS": "1200", "SCALE_OUT_COOLDOWN_SECONDS": "60",
                                "MANAGE_SERVICE_SUBNETS": "true", "SERVICE_SUBNET_IDS": "subnet-0b2, subnet-0a1,subnet-0b2"])
        #expect(config.scaleOutTimeoutSeconds == 3600 && config.mountTargetSettleSeconds == 0)
        #expect(config.scaleInCooldownSeconds == 1200 && config.scaleOutCooldownSeconds == 60)
        #expect(config.serviceSubnetIds == ["subnet-0b2", "subnet-0a1"])
        #expect(config.policy.serviceSubnetIds == ["subnet-0b2", "subnet-0a1"])
    }

    @Test func theOldCooldownNameStillGatesScaleInWhenTheNewOneIsUnset() throws {
        let config = try parse(["SCALE_OUT_COOLDOWN_SECONDS": "900"])
        #expect(config.scaleOutCooldownSeconds == 900 && config.scaleInCooldownSeconds == 900)
        #expect(config.policy.scaleInCooldownSeconds == 900)
    }

    @Test(arguments: [
        ("SCALE_OUT_TIMEOUT_SECONDS", "59"), ("SCALE_OUT_TIMEOUT_SECONDS", "30m"), ("SCALE_OUT_TIMEOUT_SECONDS", "604801"),
        ("MOUNT_TARGET_SETTLE_SECONDS", "-1"), ("MOUNT_TARGET_SETTLE_SECONDS", "3601"), ("MOUNT_TARGET_SETTLE_SECONDS", "90s"),
        ("SCALE_IN_COOLDOWN_SECONDS", "-5"), ("SCALE_IN_COOLDOWN_SECONDS", "604801"),
        ("SERVICE_SUBNET_IDS", "subnet-0a1,,subnet-0b2"), ("SERVICE_SUBNET_IDS", "sg-0a1"),
    ])
    func badValueNamesVariableValueAndRange(_ variable: String, _ value: String) {
        var extra = [variable: value]
        if variable == "SERVICE_SUBNET_IDS" { extra["MANAGE_SERVICE_SUBNETS"] = "true" }
        let found = problems(extra)
        #expect(found.map(\.variable) == [variable], "\(variable)=\(value): \(found)")
        #expect(found.first?.value == value)
        #expect(found.first?.description.contains("expected") == true)
    }

    @Test func rangesAreSpelledOut() {
        #expect(problems(["SCALE_OUT_TIMEOUT_SECONDS": "10"]).first?.allowed == "an integer from 60 to 604800")
        #expect(problems(["MOUNT_TARGET_SETTLE_SECONDS": "9000"]).first?.allowed == "an integer from 0 to 3600")
    }

    @Test func serviceSubnetIdsNeedManagedSubnets() {
        let found = problems(["SERVICE_SUBNET_IDS": "subnet-0a1"])
        #expect(found.map(\.variable) == ["SERVICE_SUBNET_IDS"])
        #expect(found.first?.allowed.contains("MANAGE_SERVICE_SUBNETS=true") == true)
    }

    let eligible = [
        Subnet(id: "subnet-0a1", availabilityZoneName: "us-east-1a", vpcId: "vpc-01"),
        Subnet(id: "subnet-0b1", availabilityZoneName: "us-east-1b", vpcId: "vpc-01"),
    ]

    @Test func serviceSubnetsMustCoverEveryAZAMountTargetMayGoTo() throws {
        let config = try parse(["MANAGE_SERVICE_SUBNETS": "true", "SERVICE_SUBNET_IDS": "subnet-aa1"])
        let app = [Subnet(id: "subnet-aa1", availabilityZoneName: "us-east-1a", vpcId: "vpc-01")]
        do {
            try config.validate(serviceSubnets: app, eligible: eligible)
            Issue.record("an AZ without a service subnet passed")
        } catch {
            #expect(error.problems.map(\.variable) == ["SERVICE_SUBNET_IDS"])
            #expect(error.description.contains("us-east-1b"), "\(error)")
        }
        let both = try parse(["MANAGE_SERVICE_SUBNETS": "true", "SERVICE_SUBNET_IDS": "subnet-aa1,subnet-bb1"])
        try both.validate(serviceSubnets: app + [Subnet(id: "subnet-bb1", availabilityZoneName: "us-east-1b", vpcId: "vpc-01")],
                          eligible: eligible)
    }

    @Test func serviceSubnetsMustExistAndShareTheVPC() throws {
        let config = try parse(["MANAGE_SERVICE_SUBNETS": "true", "SERVICE_SUBNET_IDS": "subnet-aa1,subnet-bb1,subnet-cc1"])
        let described = [Subnet(id: "subnet-aa1", availabilityZoneName: "us-east-1a", vpcId: "vpc-01"),
                         Subnet(id: "subnet-bb1", availabilityZoneName: "us-east-1b", vpcId: "vpc-02")]
        do {
            try config.validate(serviceSubnets: described, eligible: eligible)
            Issue.record("passed")
        } catch {
            #expect(error.description.contains("not found: subnet-cc1") && error.description.contains("subnet-bb1 is in vpc-02"),
                    "\(error)")
        }
    }

    @Test(arguments: ["CODE_DEPLOY", "EXTERNAL"])
    func managedSubnetsAreRefusedForControllersThatRefuseNetworkChanges(_ controller: String) throws {
        let managed = try parse(["MANAGE_SERVICE_SUBNETS": "true"])
        do {
            try managed.validate(deploymentController: controller)
            Issue.record("\(controller) passed")
        } catch {
            #expect(error.problems.map(\.variable) == ["MANAGE_SERVICE_SUBNETS"])
            #expect(error.description.contains(controller) && error.description.contains("refuses network configuration changes"))
        }
        try managed.validate(deploymentController: "ECS")
        try managed.validate(deploymentController: nil)
        try parse([:]).validate(deploymentController: controller)
    }
}
