#!/usr/bin/env python3
"""Run a scale-out against the local emulator (moto) as an IAM user that holds exactly the
actions infra/iam.tf grants a role, so that "the granted actions are sufficient" is tested,
not assumed. The emulator evaluates actions, not resource scoping, so the user's policy is the
role's action list on "Resource": "*" (check_iam_actions.py --emit-policy).

The world is seeded with authorization off: a VPC with three subnets in three AZs, an EFS file
system with one mount target, the two SSM parameters and the application's ECS service. Then
authorization is switched on (moto's /moto-api/reset-auth) and the client runs with the user's
keys. The client is either:
- the built binary (`--command efs-autoscaler invoke --event lambda/events/empty.json`), with
  the environment contract of DESIGN.md §6 pointing at the emulator; or
- without --command, a stand-in that makes the same calls in the order DESIGN.md §3 gives for a
  scale-out, which is what the tests in test_emulator_iam.py use until the binary's scaling
  wiring exists.
Afterwards, with authorization off again, the world must show the scale-out: two mount targets.

Limitation (moto 5.2): with authorization on, moto rejects botocore's EFS (rest-json) requests
with SignatureDoesNotMatch, because it expects an x-amz-content-sha256 header botocore only
sends for S3. The stand-in therefore makes its EFS calls with authorization briefly off. Our own
client always sends that header, so a --command run of the binary is checked on every action,
elasticfilesystem included (test_emulator_iam.py runs it that way).

Usage: emulator_iam.py [--role worker_task] [--drop ACTION] [--command CMD ...]
Exit status 0 when the scale-out happened (two mount targets, both published in SSM, the
service's subnets in both AZs), 1 when it did not (the client's output says why).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import boto3
import botocore.config
import botocore.exceptions

import check_iam_actions

REGION = "ap-northeast-1"
REPO = Path(__file__).resolve().parents[2]
ADMIN = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
NO_RETRIES = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        ["moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("moto_server did not start")
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def set_authorization(endpoint: str, enforced: bool) -> None:
    body = b"0" if enforced else b"inf"
    # The body must reach the server raw (not as a form), hence text/plain.
    request = urllib.request.Request(f"{endpoint}/moto-api/reset-auth", data=body, method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=5).read()


def client(endpoint: str, service: str, credentials: dict) -> object:
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint, config=NO_RETRIES, **credentials)


def seed(endpoint: str) -> dict:
    """The world before the scale-out; returns the environment contract for it."""
    ec2 = client(endpoint, "ec2", ADMIN)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"{REGION}{az}")["Subnet"]["SubnetId"]
        for i, az in enumerate("acd")
    ]
    group = ec2.create_security_group(GroupName="mt", Description="mount targets", VpcId=vpc)["GroupId"]
    efs = client(endpoint, "efs", ADMIN)
    fs = efs.create_file_system(CreationToken="e2e", Encrypted=True)["FileSystemId"]
    efs.create_mount_target(FileSystemId=fs, SubnetId=subnets[0], SecurityGroups=[group])
    ssm = client(endpoint, "ssm", ADMIN)
    ssm.put_parameter(Name="/e2e/mount-targets", Type="String", Value=json.dumps({"mount_targets": []}))
    ssm.put_parameter(Name="/e2e/mount-targets/state", Type="String", Value=json.dumps({"version": 1}))
    # The lock table, as infra/lock.tf creates it: a mutating run needs it (LOCK_TABLE_NAME).
    client(endpoint, "dynamodb", ADMIN).create_table(
        TableName="e2e-lock", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "file_system_id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "file_system_id", "KeyType": "HASH"}])
    ecs = client(endpoint, "ecs", ADMIN)
    ecs.create_cluster(clusterName="app")
    ecs.register_task_definition(family="app", containerDefinitions=[{"name": "app", "image": "app", "memory": 128}],
                                 networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512")
    ecs.create_service(cluster="app", serviceName="web", taskDefinition="app", desiredCount=1, launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": [subnets[0]], "securityGroups": [group]}})
    return {
        "TARGET_DIRECTORY": str(REPO / "infra" / "tests" / "fixtures"),
        "FILE_COUNT_THRESHOLD": "1",
        "EFS_FILE_SYSTEM_ID": fs,
        "VPC_ID": vpc,
        "SUBNET_IDS": ",".join(subnets),
        "SECURITY_GROUP_ID": group,
        "SSM_PARAMETER_NAME": "/e2e/mount-targets",
        "STATE_PARAMETER_NAME": "/e2e/mount-targets/state",
        "LOCK_TABLE_NAME": "e2e-lock",
        "ECS_CLUSTER_NAME": "app",
        "ECS_SERVICE_NAME": "web",
        "MANAGE_SERVICE_SUBNETS": "true",
        # moto's mount targets are available at once: the service gets the new AZ in the same run.
        "MOUNT_TARGET_SETTLE_SECONDS": "0",
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": endpoint,
    }


def create_user(endpoint: str, policy: dict) -> dict:
    iam = client(endpoint, "iam", ADMIN)
    iam.create_user(UserName="autoscaler")
    iam.put_user_policy(UserName="autoscaler", PolicyName="terraform-actions", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="autoscaler")["AccessKey"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


class _Unenforced:
    """Forwards calls to a client with the emulator's authorization off for each call."""

    def __init__(self, endpoint: str, wrapped: object):
        self._endpoint = endpoint
        self._wrapped = wrapped

    def __getattr__(self, name: str):
        method = getattr(self._wrapped, name)

        def call(**kwargs):
            set_authorization(self._endpoint, enforced=False)
            try:
                return method(**kwargs)
            finally:
                set_authorization(self._endpoint, enforced=True)

        return call


def stand_in_scale_out(endpoint: str, env: dict, credentials: dict) -> None:
    """The calls of one scale-out, in DESIGN.md §3 order, as the service clients make them."""
    efs = _Unenforced(endpoint, client(endpoint, "efs", credentials))
    ec2 = client(endpoint, "ec2", credentials)
    ssm = client(endpoint, "ssm", credentials)
    ecs = client(endpoint, "ecs", credentials)
    fs = env["EFS_FILE_SYSTEM_ID"]
    # Observe.
    efs.describe_file_systems(FileSystemId=fs)
    existing = efs.describe_mount_targets(FileSystemId=fs)["MountTargets"]
    subnets = ec2.describe_subnets(SubnetIds=env["SUBNET_IDS"].split(","))["Subnets"]
    ec2.describe_availability_zones()
    ssm.get_parameter(Name=env["STATE_PARAMETER_NAME"])
    service = ecs.describe_services(cluster=env["ECS_CLUSTER_NAME"], services=[env["ECS_SERVICE_NAME"]])["services"][0]
    # Act: one more AZ.
    used = {m["SubnetId"] for m in existing}
    target = next(s for s in subnets if s["SubnetId"] not in used)
    created = efs.create_mount_target(FileSystemId=fs, SubnetId=target["SubnetId"], SecurityGroups=[env["SECURITY_GROUP_ID"]])
    efs.describe_mount_targets(MountTargetId=created["MountTargetId"])
    listing = [{"mount_target_id": m["MountTargetId"], "ip_address": m.get("IpAddress", ""),
                "availability_zone": m.get("AvailabilityZoneName", ""), "subnet_id": m["SubnetId"]}
               for m in efs.describe_mount_targets(FileSystemId=fs)["MountTargets"]]
    ssm.put_parameter(Name=env["SSM_PARAMETER_NAME"], Type="String", Overwrite=True, Value=json.dumps({"mount_targets": listing}))
    current = service["networkConfiguration"]["awsvpcConfiguration"]
    ecs.update_service(cluster=env["ECS_CLUSTER_NAME"], service=env["ECS_SERVICE_NAME"], forceNewDeployment=True,
                       networkConfiguration={"awsvpcConfiguration": {**current, "subnets": current["subnets"] + [target["SubnetId"]]}})
    ssm.put_parameter(Name=env["STATE_PARAMETER_NAME"], Type="String", Overwrite=True, Value=json.dumps({"version": 1}))


def reset(endpoint: str) -> None:
    """Forget every resource and switch authorization off, so one server serves many runs."""
    set_authorization(endpoint, enforced=False)
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", data=b"", method="POST"), timeout=10).read()


def run(role: str, drop: list[str], command: list[str] | None, endpoint: str | None = None) -> tuple[bool, str]:
    """Returns (scaled out, what the client said). Starts its own emulator unless given one."""
    scaled, output, _ = run_counting(role, drop, command, endpoint)
    return scaled, output


def run_counting(role: str, drop: list[str], command: list[str] | None,
                 endpoint: str | None = None) -> tuple[bool, str, int]:
    """Like run, plus how many mount targets the file system has afterwards (1 before)."""
    if endpoint is None:
        with moto_server() as started:
            return run_counting(role, drop, command, started)
    granted = check_iam_actions.granted_by_role(REPO / "infra" / "iam.tf", (role,))
    policy = check_iam_actions.emulator_policy(granted[role])
    policy["Statement"][0]["Action"] = [a for a in policy["Statement"][0]["Action"] if a not in drop]
    reset(endpoint)
    env = seed(endpoint)
    credentials = create_user(endpoint, policy)
    set_authorization(endpoint, enforced=True)
    output = ""
    try:
        if command:
            child_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            child_env.update(env, AWS_ACCESS_KEY_ID=credentials["aws_access_key_id"],
                             AWS_SECRET_ACCESS_KEY=credentials["aws_secret_access_key"], LOG_FORMAT="json")
            result = subprocess.run(command, env=child_env, capture_output=True, text=True, timeout=120)
            output = result.stdout + result.stderr
        else:
            stand_in_scale_out(endpoint, env, credentials)
    except botocore.exceptions.ClientError as error:
        output = str(error)
    finally:
        set_authorization(endpoint, enforced=False)
    return scaled_out(endpoint, env), output, len(mount_targets(endpoint, env))


def mount_targets(endpoint: str, env: dict) -> list:
    return client(endpoint, "efs", ADMIN).describe_mount_targets(FileSystemId=env["EFS_FILE_SYSTEM_ID"])["MountTargets"]


def scaled_out(endpoint: str, env: dict) -> bool:
    """Two mount targets, both published, the service spread over both AZs' subnets."""
    targets = mount_targets(endpoint, env)
    published = json.loads(client(endpoint, "ssm", ADMIN).get_parameter(Name=env["SSM_PARAMETER_NAME"])["Parameter"]["Value"])
    service = client(endpoint, "ecs", ADMIN).describe_services(cluster=env["ECS_CLUSTER_NAME"], services=[env["ECS_SERVICE_NAME"]])["services"][0]
    service_subnets = set(service["networkConfiguration"]["awsvpcConfiguration"]["subnets"])
    return (
        len(targets) == 2
        and {m["mount_target_id"] for m in published["mount_targets"]} == {m["MountTargetId"] for m in targets}
        and service_subnets == {m["SubnetId"] for m in targets}
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--role", default="worker_task")
    parser.add_argument("--drop", action="append", default=[], help="leave this action out of the policy (a negative control)")
    parser.add_argument("--command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    scaled, output = run(args.role, args.drop, args.command)
    print(output.strip())
    print(f"emulator-iam: {'scale-out succeeded' if scaled else 'NO scale-out'} as a user with aws_iam_role.{args.role}'s actions"
          + (f" minus {', '.join(args.drop)}" if args.drop else ""))
    return 0 if scaled else 1


if __name__ == "__main__":
    sys.exit(main())
