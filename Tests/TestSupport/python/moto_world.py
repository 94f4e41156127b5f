#!/usr/bin/env python3
"""Reads (or edits) a seeded moto world as the administrator, with botocore.

The end-to-end tests check what our Swift client did through an independent client, so a bug
in our codecs cannot make a wrong world look right. Subcommands:

  show            one JSON object: the file system's mount targets, both SSM parameters (value
                  and version, null when missing) and the ECS service's subnets and deployments
  put-parameter   overwrite an SSM parameter with the given value (a stale or malformed document)
  create-security-group            a new group in the VPC (Terraform replacing the mount targets' group)
  mount-target-security-groups     the groups in effect on a mount target
  set-mount-target-security-groups replace a mount target's groups (someone else's change)

Signed with the administrator's keys, so it works while moto checks signatures.
"""
import argparse
import json
import sys

import botocore.session

from moto_scenario import add_content_sha256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--region", required=True)
    ap.add_argument("--access-key-id", required=True)
    ap.add_argument("--secret-access-key", required=True)
    sub = ap.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show")
    show.add_argument("--file-system-id", required=True)
    show.add_argument("--parameter", action="append", default=[])
    show.add_argument("--cluster")
    show.add_argument("--service")
    show.add_argument("--lock-table")
    put = sub.add_parser("put-parameter")
    put.add_argument("--name", required=True)
    put.add_argument("--value", required=True)
    group = sub.add_parser("create-security-group")
    group.add_argument("--vpc-id", required=True)
    group.add_argument("--name", required=True)
    groups = sub.add_parser("mount-target-security-groups")
    groups.add_argument("--mount-target-id", required=True)
    set_groups = sub.add_parser("set-mount-target-security-groups")
    set_groups.add_argument("--mount-target-id", required=True)
    set_groups.add_argument("--group", action="append", required=True)
    args = ap.parse_args()

    session = botocore.session.get_session()
    session.register("before-sign.efs", add_content_sha256)

    def client(service):
        return session.create_client(service, region_name=args.region, endpoint_url=args.endpoint,
                                     aws_access_key_id=args.access_key_id,
                                     aws_secret_access_key=args.secret_access_key)

    if args.command == "put-parameter":
        client("ssm").put_parameter(Name=args.name, Value=args.value, Type="String", Overwrite=True)
        json.dump({}, sys.stdout)
        return

    if args.command == "create-security-group":
        created = client("ec2").create_security_group(GroupName=args.name, Description="replacement", VpcId=args.vpc_id)
        json.dump({"groupId": created["GroupId"]}, sys.stdout)
        return
    if args.command == "mount-target-security-groups":
        found = client("efs").describe_mount_target_security_groups(MountTargetId=args.mount_target_id)
        json.dump({"securityGroups": found["SecurityGroups"]}, sys.stdout)
        return
    if args.command == "set-mount-target-security-groups":
        client("efs").modify_mount_target_security_groups(MountTargetId=args.mount_target_id, SecurityGroups=args.group)
        json.dump({}, sys.stdout)
        return

    efs = client("efs")
    targets = efs.describe_mount_targets(FileSystemId=args.file_system_id)["MountTargets"]
    ssm = client("ssm")
    parameters = {}
    for name in args.parameter:
        try:
            parameter = ssm.get_parameter(Name=name)["Parameter"]
            parameters[name] = {"value": parameter["Value"], "version": parameter["Version"]}
        except ssm.exceptions.ParameterNotFound:
            parameters[name] = None
    out = {
        "mountTargets": [{"mountTargetId": t["MountTargetId"], "subnetId": t["SubnetId"],
                          "availabilityZoneName": t.get("AvailabilityZoneName"),
                          "ipAddress": t.get("IpAddress"), "lifeCycleState": t["LifeCycleState"]}
                         for t in targets],
        "parameters": parameters,
    }
    if args.lock_table:
        item = client("dynamodb").get_item(TableName=args.lock_table, ConsistentRead=True,
                                           Key={"file_system_id": {"S": args.file_system_id}}).get("Item")
        out["lock"] = None if item is None else {
            "owner": item.get("owner", {}).get("S"), "state": item.get("state", {}).get("S"),
            "version": int(item.get("record_version", {}).get("N", "0")),
            "lastCount": item.get("last_count", {}).get("S")}
    if args.cluster and args.service:
        service = client("ecs").describe_services(cluster=args.cluster, services=[args.service])["services"][0]
        out["serviceSubnets"] = service["networkConfiguration"]["awsvpcConfiguration"]["subnets"]
        out["deploymentIds"] = [d["id"] for d in service.get("deployments", [])]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
