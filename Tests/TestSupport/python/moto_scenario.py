#!/usr/bin/env python3
"""Seeds a moto server for the efs-autoscaler integration tests.

An independent peer: it talks to moto with botocore, not with our Swift client, so a bug in
our signer or codecs cannot hide a bug in the seeding. Steps:

1. POST /moto-api/reset, then /moto-api/reset-auth with the number of free (unsigned) calls.
2. The free calls create an administrator IAM user and its access key; everything after is
   signed with that key, so moto checks every signature from then on.
3. With the administrator, create the application user with the given policy actions
   (Resource "*": moto does not evaluate resource ARNs), optionally a role it may assume,
   and, unless --no-scenario, the AWS resources of a small but realistic deployment.

Prints one JSON object on stdout with every id the tests need.
"""
import argparse
import hashlib
import json
import sys
import urllib.request

import botocore.session

FREE_CALLS = 3  # CreateUser, PutUserPolicy, CreateAccessKey for the administrator


def post(endpoint, path, body=b"", content_type="text/plain"):
    req = urllib.request.Request(endpoint + path, data=body, method="POST",
                                 headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=10) as resp:
        resp.read()


def policy_document(actions):
    return json.dumps({"Version": "2012-10-17",
                       "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]})


def add_content_sha256(request, **_):
    # moto recomputes the signature with x-amz-content-sha256 for restJson services on
    # GET/DELETE; botocore only sends it for S3, so add it before signing.
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    request.headers["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--actions", default="*", help="comma-separated IAM actions for the app user")
    ap.add_argument("--no-scenario", action="store_true")
    ap.add_argument("--assume-role", action="store_true",
                    help="also create a role and return temporary credentials from sts:AssumeRole")
    ap.add_argument("--service-subnets", choices=["all", "served"], default="all",
                    help="the ECS service in every zone's first subnet (all) or only in the zone that has the mount target (served)")
    ap.add_argument("--one-zone", action="store_true",
                    help="a One Zone file system (AvailabilityZoneName) in the first zone, where its mount target is")
    args = ap.parse_args()
    endpoint, region = args.endpoint.rstrip("/"), args.region

    post(endpoint, "/moto-api/reset")
    post(endpoint, "/moto-api/reset-auth", str(FREE_CALLS).encode())

    session = botocore.session.get_session()
    session.register("before-sign.efs", add_content_sha256)

    def client(service, key_id="free", secret="free", token=None):
        return session.create_client(service, region_name=region, endpoint_url=endpoint,
                                     aws_access_key_id=key_id, aws_secret_access_key=secret,
                                     aws_session_token=token)

    iam = client("iam")
    iam.create_user(UserName="moto-admin")
    iam.put_user_policy(UserName="moto-admin", PolicyName="admin", PolicyDocument=policy_document("*"))
    admin = iam.create_access_key(UserName="moto-admin")["AccessKey"]

    def admin_client(service):
        return client(service, admin["AccessKeyId"], admin["SecretAccessKey"])

    iam = admin_client("iam")
    actions = [a for a in args.actions.split(",") if a]
    iam.create_user(UserName="efs-autoscaler")
    iam.put_user_policy(UserName="efs-autoscaler", PolicyName="app", PolicyDocument=policy_document(actions))
    app = iam.create_access_key(UserName="efs-autoscaler")["AccessKey"]
    out = {"endpoint": endpoint, "region": region,
           "adminAccessKeyId": admin["AccessKeyId"], "adminSecretAccessKey": admin["SecretAccessKey"],
           "accessKeyId": app["AccessKeyId"], "secretAccessKey": app["SecretAccessKey"]}

    if args.assume_role:
        trust = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
        role = iam.create_role(RoleName="efs-autoscaler-role", AssumeRolePolicyDocument=trust)["Role"]
        iam.put_role_policy(RoleName="efs-autoscaler-role", PolicyName="app", PolicyDocument=policy_document(actions))
        creds = admin_client("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="tests")["Credentials"]
        out["assumed"] = {"accessKeyId": creds["AccessKeyId"], "secretAccessKey": creds["SecretAccessKey"],
                          "sessionToken": creds["SessionToken"], "roleArn": role["Arn"]}

    if not args.no_scenario:
        out.update(seed(admin_client, region, args.service_subnets, args.one_zone))
    json.dump(out, sys.stdout)


def seed(admin_client, region, service_subnets="all", one_zone=False):
    ec2 = admin_client("ec2")
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]
             if z.get("State", "available") == "available"]
    zones = sorted(zones)[:3]
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets_by_az = {}
    for i, zone in enumerate(zones):
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        subnets_by_az.setdefault(zone, []).append(sid)
    # A second subnet in the first zone: a zone may hold several subnets, only one mount target.
    extra = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.10.0/24", AvailabilityZone=zones[0])["Subnet"]["SubnetId"]
    subnets_by_az[zones[0]].append(extra)
    efs_sg = ec2.create_security_group(GroupName="efs-mount-targets", Description="EFS mount targets", VpcId=vpc)["GroupId"]
    svc_sg = ec2.create_security_group(GroupName="service", Description="ECS service", VpcId=vpc)["GroupId"]

    efs = admin_client("efs")
    placement = {"AvailabilityZoneName": zones[0]} if one_zone else {}
    fs = efs.create_file_system(CreationToken="efs-autoscaler-tests", PerformanceMode="generalPurpose",
                                **placement)["FileSystemId"]
    first_subnet = subnets_by_az[zones[0]][0]
    mt = efs.create_mount_target(FileSystemId=fs, SubnetId=first_subnet, SecurityGroups=[efs_sg])

    ssm = admin_client("ssm")
    parameter = "/efs-autoscaler/mount-targets"
    value = {"mount_targets": [{"mount_target_id": mt["MountTargetId"], "ip_address": mt["IpAddress"],
                                "availability_zone": mt.get("AvailabilityZoneName", zones[0]),
                                "subnet_id": first_subnet}]}
    ssm.put_parameter(Name=parameter, Value=json.dumps(value), Type="String", Description="EFS mount targets")

    # The lock and state: one item per file system, as infra/dynamodb.tf creates the table.
    lock_table = "efs-autoscaler-lock"
    admin_client("dynamodb").create_table(
        TableName=lock_table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "file_system_id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "file_system_id", "KeyType": "HASH"}])

    ecs = admin_client("ecs")
    cluster = "efs-autoscaler-tests"
    ecs.create_cluster(clusterName=cluster)
    task = ecs.register_task_definition(
        family="worker", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "worker", "image": "public.ecr.aws/docker/library/busybox:latest",
                               "essential": True}])["taskDefinition"]["taskDefinitionArn"]
    service = "worker"
    primary_subnets = [subnets_by_az[z][0] for z in zones]
    if service_subnets == "served":
        primary_subnets = [first_subnet]
    ecs.create_service(cluster=cluster, serviceName=service, taskDefinition=task, desiredCount=1,
                       launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {
                           "subnets": primary_subnets, "securityGroups": [svc_sg], "assignPublicIp": "DISABLED"}})
    return {"vpcId": vpc, "zones": zones, "subnetsByAz": subnets_by_az, "serviceSubnetIds": primary_subnets,
            "securityGroupId": efs_sg, "serviceSecurityGroupId": svc_sg, "fileSystemId": fs,
            "mountTargetIds": [mt["MountTargetId"]], "mountTargetIpAddress": mt["IpAddress"],
            "clusterName": cluster, "serviceName": service, "parameterName": parameter,
            "stateParameterName": "/efs-autoscaler/state", "taskDefinitionArn": task,
            "lockTableName": lock_table}


if __name__ == "__main__":
    main()
