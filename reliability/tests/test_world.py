"""The world itself: its models and monitor alone (no sockets), then the world in front of a
real moto with signature checking on, reached with botocore (not our Swift client)."""
import json
import os
import sys

import botocore.config
import botocore.exceptions
import botocore.session
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import deployment  # noqa: E402
import harness as h  # noqa: E402
import settings  # noqa: E402
from world import ecs as ecs_model  # noqa: E402
from world import efs as efs_model  # noqa: E402
from world.expectations import Expectations  # noqa: E402
from world.hosts import Host  # noqa: E402
from world.simtime import SimTime  # noqa: E402
from world.world import World  # noqa: E402

SUBNETS = {"subnet-a": "zone-a", "subnet-c": "zone-c", "subnet-d": "zone-d"}
CONFIG = {"subnets": ["subnet-a", "subnet-c"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}


class FakeReal:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_simtime_runs_at_its_rate_and_never_goes_back():
    real = FakeReal()
    clock = SimTime(rate=10, start=5000, real=real)
    real.t += 2
    assert clock.now() == pytest.approx(5020)
    clock.jump_to(4000)
    assert clock.now() == pytest.approx(5020)
    clock.jump_to(6000)
    real.t += 1
    assert clock.now() == pytest.approx(6010)
    env = clock.process_env("/x.so")
    assert float(env["SIMCLOCK_ANCHOR"]) + float(env["SIMCLOCK_OFFSET"]) == pytest.approx(6000)


def service(**kw):
    return ecs_model.ECSModel("c", "s", SUBNETS, CONFIG, desired=2, now=0, **kw)


def test_deployment_takes_its_duration_then_replaces_the_old_tasks():
    ecs = service()
    assert {t.zone for t in ecs.running_tasks()} == {"zone-a", "zone-c"}
    d = ecs.update(100, subnets=["subnet-a"], duration=120)
    ecs.advance(200)
    assert d.rollout == "IN_PROGRESS" and {t.zone for t in ecs.running_tasks()} == {"zone-a", "zone-c"}
    ecs.advance(220)
    assert d.rollout == "COMPLETED" and {t.zone for t in ecs.running_tasks()} == {"zone-a"}
    assert [x["status"] for x in ecs.service_json()["deployments"]] == ["PRIMARY"]


def test_circuit_breaker_rollback_restores_the_previous_subnets():
    ecs = service()
    ecs.update(0, subnets=["subnet-a"], duration=60, outcome="rollback")
    ecs.advance(200)
    assert ecs.config["subnets"] == ["subnet-a", "subnet-c"]
    assert ecs.primary().actor == "circuit-breaker" and ecs.primary().rollout == "COMPLETED"


def test_failed_rollout_leaves_the_old_tasks_running():
    ecs = service()
    d = ecs.update(0, subnets=["subnet-a"], duration=60, outcome="fail")
    ecs.advance(1000)
    assert d.rollout == "FAILED" and d.status == "PRIMARY"
    assert "zone-c" in {t.zone for t in ecs.running_tasks()}


def test_services_without_rollout_state_never_report_it():
    out = service(rollout_state=False).service_json()
    assert all("rolloutState" not in d for d in out["deployments"])


def test_mount_target_lifecycle_refusals_and_one_zone():
    efs = efs_model.EFSModel("fs-1", SUBNETS)
    efs.lifecycle = lambda zone: (300, "error")
    mt = efs.created("fsmt-1", "subnet-c", 0, "autoscaler", "10.0.0.1")
    assert mt.state(299) == "creating" and mt.state(300) == "error"
    efs.create_failures["zone-c"] = "NoFreeAddressesInSubnet"
    assert efs.refusal("subnet-c") == "NoFreeAddressesInSubnet" and efs.refusal("subnet-d") is None
    efs.one_zone = "zone-a"
    assert efs.refusal("subnet-d") == "UnsupportedAvailabilityZone"


def offline_world():
    clock = SimTime(rate=1, start=10_000)
    w = World("http://127.0.0.1:9", clock, SUBNETS, "/list")
    w.efs = efs_model.EFSModel("fs-1", SUBNETS)
    w.ecs = ecs_model.ECSModel("c", "s", SUBNETS, CONFIG, desired=2, now=0)
    return w


def test_monitor_sees_each_kind_of_unsafe_delete():
    w = offline_world()
    now = w.clock.now()
    w.efs.adopt("fsmt-tf", "subnet-a", now, "terraform", "10.0.0.1")
    mt = w.efs.created("fsmt-c", "subnet-c", now - 500, "autoscaler", "10.0.0.2")
    w.record_parameter("/list", json.dumps({"mount_targets": [{"mount_target_id": mt.id}]}), 1, now - 400)
    w.hosts = [Host("h", 300, now - 350)]
    w.monitor.before_delete({"run": "r1", "label": "DeleteMountTarget fsmt-c"}, "fsmt-c", now)
    w.monitor.before_delete({"run": "r1", "label": "DeleteMountTarget fsmt-tf"}, "fsmt-tf", now)
    kinds = {v["kind"] for v in w.monitor.violations}
    assert {"delete-published", "delete-in-service-subnets", "delete-under-deployment", "delete-under-task",
            "delete-under-host", "delete-not-owned"} <= kinds


def test_monitor_sees_unavailable_lists_and_interleaved_runs():
    w = offline_world()
    now = w.clock.now()
    w.efs.created("fsmt-new", "subnet-d", now, "autoscaler", "10.0.0.3")
    w.monitor.on_list_written({"run": "r1", "label": "PutParameter"}, json.dumps(
        {"mount_targets": [{"mount_target_id": "fsmt-new"}]}), now)
    w.begin_run("k1", "r1")
    w.begin_run("k2", "r2")
    for run in ("r1", "r2", "r1"):
        w.monitor.on_mutation({"run": run, "operation": "UpdateService", "label": "UpdateService"})
    kinds = [v["kind"] for v in w.monitor.violations]
    assert "list-not-available" in kinds and kinds.count("interleaved-runs") == 1


def test_expectations_fail_unlisted_violations_and_flag_fixed_ones():
    e = Expectations({"known": {"why": "issue 16"}})
    bad = {"scenario": "new", "seed": 1, "violations": [{"kind": "k", "run": "r", "call": "c", "detail": "d"}],
           "converged": True}
    fixed = {"scenario": "known", "seed": 1, "violations": [], "converged": True}
    verdict = e.judge([bad, fixed])
    assert len(verdict["failures"]) == 1 and "new" in verdict["failures"][0]
    assert verdict["notices"] and "known" in verdict["notices"][0]
    long_only = Expectations({"new": {"only_long": True}})
    assert long_only.judge([bad])["failures"] and not long_only.judge([dict(bad, long=True)])["failures"]


# ---------------------------------------------------------------------------------------------
# through the wire, botocore -> world -> moto


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    workdir = str(tmp_path_factory.mktemp("world"))
    with h.Moto(workdir) as moto:
        users = moto.reset_with_users()
        admin = h.Clients(moto.endpoint, users["adminAccessKeyId"], users["adminSecretAccessKey"])
        ec2 = admin.ec2
        zone = sorted(z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"])[0]
        vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.0.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        fs = admin.efs.create_file_system(CreationToken="t")["FileSystemId"]
        admin.ecs.create_cluster(clusterName="c")
        deployment.create_lock_table(admin.dynamodb, "locks")
        clock = SimTime(rate=1)
        w = World(moto.endpoint, clock, {subnet: zone}, "/list", "/state", seed=1).start()
        try:
            w.efs = efs_model.EFSModel(fs, {subnet: zone})
            w.read_item = lambda table, key: admin.dynamodb.get_item(TableName=table, Key=key,
                                                                     ConsistentRead=True).get("Item")
            w.efs.lifecycle = lambda z: (120, "available")
            w.ecs = ecs_model.ECSModel("c", "s", {subnet: zone}, {"subnets": [subnet]}, desired=150, now=clock.now())
            yield w, users, {"subnet": subnet, "fs": fs}
        finally:
            w.stop()


def via(world, users, service, secret=None):
    session = botocore.session.get_session()
    session.register("before-sign.efs", h.add_content_sha256)
    return session.create_client(service, region_name=h.REGION, endpoint_url=world.endpoint,
                                 aws_access_key_id=users["accessKeyId"],
                                 aws_secret_access_key=secret or users["secretAccessKey"],
                                 config=botocore.config.Config(retries={"total_max_attempts": 1}, read_timeout=5))


def test_wire_mount_targets_are_creating_for_their_lifecycle(live):
    w, users, ids = live
    efs = via(w, users, "efs")
    mt = efs.create_mount_target(FileSystemId=ids["fs"], SubnetId=ids["subnet"])
    assert mt["LifeCycleState"] == "creating"
    assert efs.describe_mount_targets(FileSystemId=ids["fs"])["MountTargets"][0]["LifeCycleState"] == "creating"
    w.clock.advance(121)
    assert efs.describe_mount_targets(FileSystemId=ids["fs"])["MountTargets"][0]["LifeCycleState"] == "available"


def test_wire_full_subnets_show_no_free_addresses(live):
    w, users, ids = live
    w.efs.create_failures[w.subnet_az[ids["subnet"]]] = "NoFreeAddressesInSubnet"
    try:
        subnet = via(w, users, "ec2").describe_subnets(SubnetIds=[ids["subnet"]])["Subnets"][0]
        assert subnet["AvailableIpAddressCount"] == 0
    finally:
        w.efs.create_failures.clear()


def test_wire_signatures_are_verified_for_modelled_services_too(live):
    w, users, _ = live
    with pytest.raises(botocore.exceptions.ClientError):
        via(w, users, "ecs", secret="wrong").describe_services(cluster="c", services=["s"])


def test_wire_ecs_is_served_from_the_model_with_paginated_tasks(live):
    w, users, ids = live
    ecs = via(w, users, "ecs")
    svc = ecs.describe_services(cluster="c", services=["s"])["services"][0]
    assert svc["deployments"][0]["rolloutState"] == "COMPLETED"
    arns, token = [], None
    while True:
        page = ecs.list_tasks(cluster="c", **({"nextToken": token} if token else {}))
        arns += page["taskArns"]
        token = page.get("nextToken")
        if not token:
            break
    assert len(arns) == 150
    task = ecs.describe_tasks(cluster="c", tasks=arns[:1])["tasks"][0]
    details = {d["name"]: d["value"] for d in task["attachments"][0]["details"]}
    assert details["subnetId"] == ids["subnet"]


def test_wire_throttling_storm_carries_retry_after(live):
    w, users, _ = live
    now = w.clock.now()
    w.faults.storms = [(now - 1, now + 3600, 1.0, 1500)]
    try:
        with pytest.raises(botocore.exceptions.ClientError) as error:
            via(w, users, "ssm").get_parameter(Name="/nope")
        assert error.value.response["Error"]["Code"] == "ThrottlingException"
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert error.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amz-retry-after"] == "1500"
    finally:
        w.faults.storms = []


def test_wire_late_write_lands_after_the_client_gave_up_and_reads_go_stale(live):
    w, users, _ = live
    ssm = via(w, users, "ssm")
    ssm.put_parameter(Name="/state", Value="v1", Type="String")
    w.faults.late_writes.append({"match": lambda c: "/state" in c["label"], "delay": 30, "remaining": 1})
    with pytest.raises((botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError)):
        ssm.put_parameter(Name="/state", Value="v2", Type="String", Overwrite=True)
    assert ssm.get_parameter(Name="/state")["Parameter"]["Value"] == "v1"
    w.clock.advance(31)
    assert ssm.get_parameter(Name="/state")["Parameter"]["Value"] == "v2"
    w.faults.stale_window, w.faults.stale_names = 10, {"/state"}
    ssm.put_parameter(Name="/state", Value="v3", Type="String", Overwrite=True)
    assert ssm.get_parameter(Name="/state")["Parameter"]["Value"] == "v2"
    w.clock.advance(11)
    assert ssm.get_parameter(Name="/state")["Parameter"]["Value"] == "v3"


def test_wire_dynamodb_late_writes_and_eventually_consistent_reads(live):
    w, users, _ = live
    db = via(w, users, "dynamodb")
    key = {settings.LOCK_TABLE_KEY: {"S": "fs-1"}}

    def item(owner):
        return {**key, "owner": {"S": owner}}
    db.put_item(TableName="locks", Item=item("a"))
    w.faults.late_writes.append({"match": lambda c: c["service"] == "dynamodb" and c["operation"] == "PutItem",
                                 "delay": 20, "remaining": 1})
    with pytest.raises((botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError)):
        db.put_item(TableName="locks", Item=item("b"), ConditionExpression="#o = :a",
                    ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":a": {"S": "a"}})
    assert db.get_item(TableName="locks", Key=key, ConsistentRead=True)["Item"]["owner"]["S"] == "a"
    w.clock.advance(21)
    assert db.get_item(TableName="locks", Key=key, ConsistentRead=True)["Item"]["owner"]["S"] == "b"
    w.faults.stale_window, w.faults.stale_names = 10, {"dynamodb"}
    db.update_item(TableName="locks", Key=key, UpdateExpression="SET #o = :c",
                   ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":c": {"S": "c"}})
    assert db.get_item(TableName="locks", Key=key)["Item"]["owner"]["S"] == "b"
    assert db.get_item(TableName="locks", Key=key, ConsistentRead=True)["Item"]["owner"]["S"] == "c"
    w.clock.advance(11)
    assert db.get_item(TableName="locks", Key=key)["Item"]["owner"]["S"] == "c"


def test_scenarios_are_named_once_and_described():
    from world import scenarios
    names = [cls.name for cls in scenarios.ALL]
    assert len(names) == len(set(names)) and "?" not in names
    assert all(cls.about for cls in scenarios.ALL)
    expected = Expectations.load(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                              "world", "expected_violations.json"))
    assert set(expected.listed) <= set(names)
