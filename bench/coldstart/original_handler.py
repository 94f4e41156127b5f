#!/usr/bin/env python3
"""The original system's Lambda handler, rewritten from DESIGN.md §1, as a custom-runtime bootstrap.

Only for the cold-start benchmark (bench/coldstart/run.sh): it is what efs-autoscaler replaces,
bugs included, so that both are measured doing the same kind of work against the same emulator.
What it does, as the original did:

- count the regular files at the top level of TARGET_DIRECTORY (os.listdir + os.path.isfile);
- at or below FILE_COUNT_THRESHOLD: return the count, touch nothing;
- above it: pick a *subnet* of VPC_ID without a mount target (not a free AZ: the original bug),
  create a mount target there, wait up to 300 s for it to become available, write every mount
  target to SSM_PARAMETER_NAME in the original JSON format, and force a new ECS deployment;
- errors are returned as values (`"error": ...`), so Lambda never records a failure.

The boto3 clients are created at import time, as Lambda handlers usually do, so their cost is in
the init phase like the original's. One accommodation for the emulator: moto recomputes EFS
signatures with `x-amz-content-sha256`, which botocore does not send outside S3, so a
`before-sign.efs` hook adds it (the seeding script does the same). It runs its own Runtime API
loop (GET next, handle, POST response) with http.client, like a minimal custom runtime.
"""
import hashlib
import http.client
import json
import os
import time

import boto3

TARGET_DIRECTORY = os.environ.get("TARGET_DIRECTORY", "/mnt/efs")
FILE_COUNT_THRESHOLD = int(os.environ.get("FILE_COUNT_THRESHOLD", "100000"))
EFS_FILE_SYSTEM_ID = os.environ.get("EFS_FILE_SYSTEM_ID")
VPC_ID = os.environ.get("VPC_ID")
SSM_PARAMETER_NAME = os.environ.get("SSM_PARAMETER_NAME")
ECS_CLUSTER_NAME = os.environ.get("ECS_CLUSTER_NAME")
ECS_SERVICE_NAME = os.environ.get("ECS_SERVICE_NAME")
SECURITY_GROUP_IDS = [g for g in os.environ.get("SECURITY_GROUP_ID", "").split(",") if g]


def _add_content_sha256(request, **_):
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    request.headers["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()


session = boto3.session.Session()
session.events.register("before-sign.efs", _add_content_sha256)
efs = session.client("efs")
ec2 = session.client("ec2")
ssm = session.client("ssm")
ecs = session.client("ecs")


def count_files(directory):
    return sum(1 for name in os.listdir(directory) if os.path.isfile(os.path.join(directory, name)))


def mount_targets():
    return efs.describe_mount_targets(FileSystemId=EFS_FILE_SYSTEM_ID)["MountTargets"]


def create_mount_target():
    used = {mt["SubnetId"] for mt in mount_targets()}
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [VPC_ID]}])["Subnets"]
    # The original took the first free subnet as listed; the listing order is not stable, so
    # sort by CIDR here to make every benchmark run do the same thing.
    subnets.sort(key=lambda s: s["CidrBlock"])
    free = [s["SubnetId"] for s in subnets if s["SubnetId"] not in used]
    if not free:
        raise RuntimeError("no subnet without a mount target")
    created = efs.create_mount_target(FileSystemId=EFS_FILE_SYSTEM_ID, SubnetId=free[0],
                                      SecurityGroups=SECURITY_GROUP_IDS)
    waited = 0
    while waited < 300:
        states = {mt["MountTargetId"]: mt["LifeCycleState"] for mt in mount_targets()}
        if states.get(created["MountTargetId"]) == "available":
            return created
        time.sleep(10)
        waited += 10
    raise TimeoutError(f"mount target {created['MountTargetId']} not available after 300 s")


def publish_mount_targets():
    value = {"mount_targets": [{"mount_target_id": mt["MountTargetId"], "ip_address": mt.get("IpAddress"),
                                "availability_zone": mt.get("AvailabilityZoneName"), "subnet_id": mt["SubnetId"]}
                               for mt in mount_targets()]}
    ssm.put_parameter(Name=SSM_PARAMETER_NAME, Value=json.dumps(value), Type="String", Overwrite=True)


def lambda_handler(event, context):
    result = {"file_count": 0, "threshold": FILE_COUNT_THRESHOLD, "threshold_exceeded": False,
              "new_mount_target_created": False, "deployment_triggered": False, "error": None}
    try:
        result["file_count"] = count_files(TARGET_DIRECTORY)
        if result["file_count"] <= FILE_COUNT_THRESHOLD:
            return result
        result["threshold_exceeded"] = True
        create_mount_target()
        result["new_mount_target_created"] = True
        publish_mount_targets()
        ecs.update_service(cluster=ECS_CLUSTER_NAME, service=ECS_SERVICE_NAME, forceNewDeployment=True)
        result["deployment_triggered"] = True
    except Exception as error:  # the original returned every error as a value
        result["error"] = str(error)
    return result


def main():
    host, _, port = os.environ["AWS_LAMBDA_RUNTIME_API"].partition(":")
    runtime = http.client.HTTPConnection(host, int(port or 80))
    while True:
        runtime.request("GET", "/2018-06-01/runtime/invocation/next")
        response = runtime.getresponse()
        event = json.loads(response.read() or b"{}")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        body = json.dumps(lambda_handler(event, None)).encode()
        runtime.request("POST", f"/2018-06-01/runtime/invocation/{request_id}/response", body=body,
                        headers={"Content-Type": "application/json"})
        runtime.getresponse().read()


if __name__ == "__main__":
    main()
