"""One deployment seeded straight into moto with botocore (an independent peer of our Swift
client), the same for the drivers (harness.Scenario) and the hostile world (world/sandbox.py):
a VPC with a subnet in each of three AZs, security groups for the mount targets and for the
service, an EFS file system with mount targets in some of the AZs and the SSM list naming them,
the lock table, and an ECS Fargate service in the mount targets' subnets. Also the file tree the
binary counts, and the environment it runs with (reliability/settings.py's policy).
"""
import json
import os

import settings


def create_lock_table(dynamodb, name):
    """The lock and state table: one item per file system (infra/lock.tf's shape)."""
    dynamodb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": settings.LOCK_TABLE_KEY, "AttributeType": "S"}],
        KeySchema=[{"AttributeName": settings.LOCK_TABLE_KEY, "KeyType": "HASH"}])


def set_file_count(directory, n):
    """Makes `directory` hold exactly n empty regular files (cheap to count), named f-000000
    upwards; returns how many it held before."""
    existing = sorted(os.listdir(directory))
    for name in existing[n:]:
        os.unlink(os.path.join(directory, name))
    have = set(existing[:n])
    i = 0
    while len(have) < n:
        name = f"f-{i:06}"
        if name not in have:
            open(os.path.join(directory, name), "w").close()
            have.add(name)
        i += 1
    return len(existing)


class Deployment:
    """Seeds one deployment with `clients` (harness.Clients, as moto's administrator).

    `name` names its security groups, file system token and task family; `cidr` is the VPC's
    first two octets ("10.30"); `mount_target_zones` the indices of the AZs (sorted by name) that
    get a mount target, each in the lowest-id subnet of its AZ; `extra_subnet` adds a second
    subnet in the first AZ (an AZ may hold several subnets, only one mount target)."""

    def __init__(self, clients, name, cidr, directory, *, list_name, state_name, lock_table, cluster, service,
                 mount_target_zones=(0,), extra_subnet=False, desired_count=1):
        ec2, efs = clients.ec2, clients.efs
        described = ec2.describe_availability_zones()["AvailabilityZones"]
        self.zones = sorted(z["ZoneName"] for z in described)[:3]
        self.zone_ids = {z["ZoneName"]: z["ZoneId"] for z in described}
        self.vpc = ec2.create_vpc(CidrBlock=f"{cidr}.0.0/16")["Vpc"]["VpcId"]
        self.subnet_az, self.subnets_by_az = {}, {}
        blocks = [(f"{cidr}.{i}.0/24", zone) for i, zone in enumerate(self.zones)]
        if extra_subnet:
            blocks.append((f"{cidr}.10.0/24", self.zones[0]))
        for block, zone in blocks:
            subnet = ec2.create_subnet(VpcId=self.vpc, CidrBlock=block, AvailabilityZone=zone)["Subnet"]["SubnetId"]
            self.subnet_az[subnet] = zone
            self.subnets_by_az.setdefault(zone, []).append(subnet)
        self.security_group = ec2.create_security_group(GroupName=f"efs-{name}", Description="EFS",
                                                        VpcId=self.vpc)["GroupId"]
        service_group = ec2.create_security_group(GroupName=f"svc-{name}", Description="service",
                                                  VpcId=self.vpc)["GroupId"]
        self.file_system = efs.create_file_system(CreationToken=f"reliability-{name}",
                                                  PerformanceMode="generalPurpose")["FileSystemId"]
        self.entries = []  # the published list: one entry per seeded mount target
        for zone in (self.zones[i] for i in mount_target_zones):
            subnet = min(self.subnets_by_az[zone])
            mt = efs.create_mount_target(FileSystemId=self.file_system, SubnetId=subnet,
                                         SecurityGroups=[self.security_group])
            self.entries.append({"mount_target_id": mt["MountTargetId"], "ip_address": mt["IpAddress"],
                                 "availability_zone": zone, "subnet_id": subnet})
        self.list_name, self.state_name = list_name, state_name
        self.list_value = json.dumps({"mount_targets": self.entries})
        self.list_version = clients.ssm.put_parameter(Name=list_name, Value=self.list_value, Type="String")["Version"]
        self.lock_table = lock_table
        create_lock_table(clients.dynamodb, lock_table)
        self.cluster, self.service = cluster, service
        clients.ecs.create_cluster(clusterName=cluster)
        self.task_definition = clients.ecs.register_task_definition(
            family=f"{service}-{name}", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
            memory="512", containerDefinitions=[{"name": service, "image": "busybox", "essential": True}],
        )["taskDefinition"]["taskDefinitionArn"]
        self.service_network = {"subnets": [e["subnet_id"] for e in self.entries], "securityGroups": [service_group],
                                "assignPublicIp": "DISABLED"}
        clients.ecs.create_service(cluster=cluster, serviceName=service, taskDefinition=self.task_definition,
                                   desiredCount=desired_count, launchType="FARGATE",
                                   networkConfiguration={"awsvpcConfiguration": self.service_network})
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def set_file_count(self, n):
        return set_file_count(self.directory, n)

    def binary_environment(self, endpoint, key_id, secret, policy, overrides=None):
        """The binary's environment against this deployment at `endpoint` with these keys: the
        shared policy (settings), then `policy` (settings.DRIVER_POLICY or WORLD_POLICY), then
        `overrides`."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root"),
            "AWS_ENDPOINT_URL": endpoint, "AWS_REGION": settings.REGION, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret,
            "TARGET_DIRECTORY": self.directory, "EFS_FILE_SYSTEM_ID": self.file_system, "VPC_ID": self.vpc,
            "SECURITY_GROUP_ID": self.security_group, "SSM_PARAMETER_NAME": self.list_name,
            "STATE_PARAMETER_NAME": self.state_name, "LOCK_TABLE_NAME": self.lock_table,
            "ECS_CLUSTER_NAME": self.cluster, "ECS_SERVICE_NAME": self.service, "MANAGE_SERVICE_SUBNETS": "true",
            "FILE_COUNT_THRESHOLD": settings.FILE_COUNT_THRESHOLD, "SCALE_IN_THRESHOLD": settings.SCALE_IN_THRESHOLD,
            "SCALE_OUT_COOLDOWN_SECONDS": settings.SCALE_OUT_COOLDOWN_SECONDS,
            "COUNT_CACHE_TTL_SECONDS": settings.COUNT_CACHE_TTL_SECONDS,
            "LOG_FORMAT": "json", "LOG_LEVEL": "info",
            **policy, **(overrides or {}),
        }
        return {k: str(v) for k, v in env.items()}
