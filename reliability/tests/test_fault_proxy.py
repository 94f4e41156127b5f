"""The fault proxy does what the drivers rely on, checked with botocore (not our Swift client)
against a real moto with signature checking on: byte-exact forwarding, each fault in the
service's own error shape, resets before and after moto acted, the delay, kill rules, seeding."""
import os
import signal
import subprocess
import sys
import time

import botocore.config
import botocore.exceptions
import botocore.session
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness as h  # noqa: E402
import settings  # noqa: E402


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    workdir = str(tmp_path_factory.mktemp("proxy"))
    with h.Moto(workdir) as moto, h.Proxy(moto.endpoint, workdir, "test") as proxy:
        yield moto, moto.reset_with_users(), proxy


@pytest.fixture(autouse=True)
def no_faults(world):
    world[2].configure(rate=0, seed=1, delay_seconds=settings.DELAY_FAULT_SECONDS, only_services=None, only_operations=None)
    world[2].clear_kill_rules()


def client(world, service, via_proxy=True, read_timeout=10):
    moto, users, proxy = world
    session = botocore.session.get_session()
    session.register("before-sign.efs", h.add_content_sha256)
    return session.create_client(
        service, region_name=h.REGION, endpoint_url=proxy.endpoint if via_proxy else moto.endpoint,
        aws_access_key_id=users["accessKeyId"], aws_secret_access_key=users["secretAccessKey"],
        config=botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"}, read_timeout=read_timeout,
                                      connect_timeout=2))


def last(proxy):
    return proxy.log()[-1]


def parameter_exists(world, name):
    try:
        client(world, "ssm", via_proxy=False).get_parameter(Name=name)
        return True
    except botocore.exceptions.ClientError:
        return False


def test_forwards_unchanged_so_moto_verifies_the_signature(world):
    ssm = client(world, "ssm")
    ssm.put_parameter(Name="/t/forward", Value="v", Type="String")
    assert ssm.get_parameter(Name="/t/forward")["Parameter"]["Value"] == "v"
    entry = world[2].log()[-2]
    assert (entry["service"], entry["operation"], entry["forwarded"], entry["upstream_status"],
            entry["client_status"], entry["mutating"], entry["fault"]) == ("ssm", "PutParameter", True, 200, 200, True, None)
    assert entry["detail"]["name"] == "/t/forward"
    # a wrong secret is still refused by moto through the proxy: the signature is really checked
    moto, users, proxy = world
    bad = botocore.session.get_session().create_client(
        "ssm", region_name=h.REGION, endpoint_url=proxy.endpoint, aws_access_key_id=users["accessKeyId"],
        aws_secret_access_key="wrong", config=botocore.config.Config(retries={"total_max_attempts": 1}))
    with pytest.raises(botocore.exceptions.ClientError) as error:
        bad.get_parameter(Name="/t/forward")
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] in (400, 403)


CALLS = {
    "ec2": lambda c: c.describe_availability_zones(),
    "ssm": lambda c: c.get_parameter(Name="/t/none"),
    "ecs": lambda c: c.list_clusters(),
    "efs": lambda c: c.describe_file_systems(),
}
EXPECTED = {  # (service, fault) -> (status, code botocore reads)
    ("ec2", "throttle"): (400, "RequestLimitExceeded"), ("ec2", "throttle429"): (429, "RequestLimitExceeded"),
    ("ec2", "http500"): (500, "InternalError"), ("ec2", "http503"): (503, "Unavailable"),
    ("ssm", "throttle"): (400, "ThrottlingException"), ("ssm", "throttle429"): (429, "ThrottlingException"),
    ("ssm", "http500"): (500, "InternalFailure"), ("ssm", "http503"): (503, "ServiceUnavailable"),
    ("ecs", "throttle"): (400, "ThrottlingException"), ("ecs", "http500"): (500, "InternalFailure"),
    ("efs", "throttle"): (400, "ThrottlingException"), ("efs", "throttle429"): (429, "TooManyRequestsException"),
    ("efs", "http500"): (500, "InternalServerError"), ("efs", "http503"): (503, "ServiceUnavailableException"),
}


@pytest.mark.parametrize("service,fault", sorted(EXPECTED))
def test_error_faults_speak_each_services_protocol(world, service, fault):
    world[2].configure(rate=1, weights={fault: 1})
    with pytest.raises(botocore.exceptions.ClientError) as error:
        CALLS[service](client(world, service))
    status, code = EXPECTED[(service, fault)]
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert error.value.response["Error"]["Code"] == code
    entry = last(world[2])
    assert (entry["service"], entry["fault"], entry["forwarded"], entry["client_status"]) == (service, fault, False, status)


def test_reset_before_never_reaches_moto(world):
    world[2].configure(rate=1, weights={"reset_before": 1})
    with pytest.raises((botocore.exceptions.ConnectionClosedError, botocore.exceptions.EndpointConnectionError)):
        client(world, "ssm").put_parameter(Name="/t/reset-before", Value="v", Type="String")
    assert not parameter_exists(world, "/t/reset-before")
    entry = last(world[2])
    assert (entry["fault"], entry["forwarded"], entry["client_status"]) == ("reset_before", False, None)


def test_reset_after_moto_performed_the_call(world):
    world[2].configure(rate=1, weights={"reset_after": 1})
    with pytest.raises((botocore.exceptions.ConnectionClosedError, botocore.exceptions.EndpointConnectionError)):
        client(world, "ssm").put_parameter(Name="/t/reset-after", Value="v", Type="String")
    assert parameter_exists(world, "/t/reset-after")
    entry = last(world[2])
    assert (entry["fault"], entry["forwarded"], entry["upstream_status"], entry["client_status"]) == \
        ("reset_after", True, 200, None)


def test_delay_outlasts_the_client_timeout_after_moto_acted(world):
    world[2].configure(rate=1, weights={"delay": 1}, delay_seconds=2)
    started = time.time()
    with pytest.raises(botocore.exceptions.ReadTimeoutError):
        client(world, "ssm", read_timeout=0.5).put_parameter(Name="/t/delay", Value="v", Type="String")
    assert time.time() - started < 2
    assert parameter_exists(world, "/t/delay")
    assert last(world[2])["fault"] == "delay"


def test_only_operations_limits_faults(world):
    world[2].configure(rate=1, weights={"throttle": 1}, only_operations=["PutParameter"])
    ssm = client(world, "ssm")
    with pytest.raises(botocore.exceptions.ClientError):
        ssm.put_parameter(Name="/t/only", Value="v", Type="String")
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/t/only")


def test_kill_rule_signals_the_process_before_or_after_the_call(world):
    for phase, performed in (("before", False), ("after", True)):
        victim = subprocess.Popen(["sleep", "60"])
        world[2].kill_rule("PutParameter", phase, victim.pid, skip=1)
        ssm = client(world, "ssm")
        ssm.put_parameter(Name=f"/t/kill-{phase}-first", Value="v", Type="String")  # skipped by the rule
        assert victim.poll() is None
        with pytest.raises((botocore.exceptions.ConnectionClosedError, botocore.exceptions.EndpointConnectionError)):
            ssm.put_parameter(Name=f"/t/kill-{phase}", Value="v", Type="String")
        assert victim.wait(timeout=5) == -signal.SIGKILL
        assert parameter_exists(world, f"/t/kill-{phase}") is performed
        assert last(world[2])["fault"] == f"kill_{phase}"


def test_same_seed_same_faults(world):
    def faults():
        world[2].configure(rate=0.5, seed=42, weights={"throttle": 1, "http500": 1})
        ecs, seen = client(world, "ecs"), []
        for _ in range(30):
            try:
                ecs.list_clusters()
                seen.append(None)
            except botocore.exceptions.ClientError as error:
                seen.append(error.response["Error"]["Code"])
        return seen
    first = faults()
    assert first == faults()
    assert 5 < sum(1 for f in first if f) < 25


def test_classifies_efs_by_path(world):
    efs = client(world, "efs")
    efs.describe_file_systems()
    with pytest.raises(botocore.exceptions.ClientError):
        efs.delete_mount_target(MountTargetId="fsmt-00000000")
    log = world[2].log()[-2:]
    assert [(e["service"], e["operation"], e["mutating"]) for e in log] == \
        [("efs", "DescribeFileSystems", False), ("efs", "DeleteMountTarget", True)]
