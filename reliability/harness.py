"""Shared tooling for the reliability drivers (soak, crash, concurrent).

Starts moto (Tests/TestSupport/python/moto_runner.py) and fault proxies (fault_proxy.py),
seeds independent scenarios with botocore (an independent peer of our Swift client), runs the
real `efs-autoscaler invoke` binary at a chosen simulated time, and reads moto directly (never
through a proxy) to check the safety invariant after every run.

Simulated time: each run of the binary gets `LD_PRELOAD=simclock.so SIMCLOCK_OFFSET=<s>`, which
shifts its wall clock only (monotonic clocks, hence libcurl timeouts and sleeps, stay real). The
drivers advance simulated time between runs like a scheduler would (a Lambda every minute, the
next invocation after a crashed run's lease expired) instead of sleeping.
"""
import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import botocore.session

import deployment
import fault_proxy
import settings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PYSUPPORT = os.path.join(ROOT, "Tests", "TestSupport", "python")
REGION = settings.REGION

# How moto is seeded: moto_scenario.py (the Swift tests' too).
sys.path.insert(0, PYSUPPORT)
import moto_scenario  # noqa: E402  (after the path it lives on)


# ---------------------------------------------------------------------------------------------
# Processes


def binary_path():
    path = os.environ.get("EFS_AUTOSCALER_BIN")
    if path:
        return path
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "efs-autoscaler")


def simclock_library(build_dir):
    """Compiles reliability/simclock/simclock.c once into build_dir."""
    src = os.path.join(HERE, "simclock", "simclock.c")
    out = os.path.join(build_dir, "simclock.so")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        os.makedirs(build_dir, exist_ok=True)
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", out, src, "-ldl"], check=True)
    return out


def start_ready_process(argv, env=None, stderr_path=None):
    """Starts a process that prints `READY <port>` on stdout; returns (process, port).

    Its owner stops it on every path (Moto and Proxy are context managers); as a last resort
    `stop_process` also runs when the interpreter exits, harmless if it already ran (not in a
    multiprocessing worker, which skips atexit: see world_run.py)."""
    err = open(stderr_path, "ab") if stderr_path else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env)
    finally:
        if stderr_path:
            err.close()
    atexit.register(stop_process, proc)
    try:
        line = proc.stdout.readline().decode().strip()
        if not line.startswith("READY "):
            raise RuntimeError(f"{argv[1]} did not start: {line!r}")
        return proc, int(line.split()[1])
    except BaseException:
        stop_process(proc)
        raise


def stop_process(proc):
    if proc.poll() is None:
        proc.kill()
    proc.wait()


class Owned:
    """Owns the process `self.proc`: `stop()` ends it (harmless if it already ended), and `with`
    ends it however the block is left."""

    def stop(self):
        stop_process(self.proc)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Resources:
    """Starts what it owns in `_start()` and ends it in `__exit__`, as a context manager; when
    starting fails midway, what was already started is ended before the error goes on."""

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self


def http_json(url, body=None, method=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data is not None else "GET"),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read() or b"null")


class Moto(Owned):
    """moto_runner.py on a port of its own. Use with `with`: stopped on every path."""

    def __init__(self, workdir):
        env = dict(os.environ, MOTO_ECS_SERVICE_RUNNING="1", INITIAL_NO_AUTH_ACTION_COUNT=str(moto_scenario.FREE_CALLS),
                   MOTO_SETTLED_DEPLOYMENTS="1")
        self.proc, self.port = start_ready_process(
            [sys.executable, os.path.join(PYSUPPORT, "moto_runner.py"), "--parent-pid", str(os.getpid())],
            env=env, stderr_path=os.path.join(workdir, "moto.log"))
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def reset_with_users(self):
        """Resets moto and creates an administrator and the app user (signature checking on)."""
        out = subprocess.run([sys.executable, os.path.join(PYSUPPORT, "moto_scenario.py"), "--endpoint", self.endpoint,
                              "--region", REGION, "--no-scenario"], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)


class Proxy(Owned):
    """fault_proxy.py in front of `upstream`. Use with `with` (or through a Driver): stopped on every path."""

    def __init__(self, upstream, workdir, name, rate=0.0, weights=None, seed=1, delay_seconds=settings.DELAY_FAULT_SECONDS):
        self.log_path = os.path.join(workdir, f"proxy-{name}.jsonl")
        argv = [sys.executable, os.path.join(HERE, "fault_proxy.py"), "--upstream", upstream, "--rate", str(rate),
                "--seed", str(seed), "--delay-seconds", str(delay_seconds), "--log", self.log_path,
                "--parent-pid", str(os.getpid())]
        if weights:
            argv += ["--weights", ",".join(f"{k}={v}" for k, v in weights.items())]
        self.proc, self.port = start_ready_process(argv, stderr_path=os.path.join(workdir, f"proxy-{name}.err"))
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def configure(self, **config):
        return http_json(self.endpoint + "/_proxy/config", config)

    def log(self, since=0):
        return http_json(f"{self.endpoint}/_proxy/log?since={since}")

    def size(self):
        return len(self.log())

    def kill_rule(self, operation, phase, pid, skip=0):
        return http_json(self.endpoint + "/_proxy/kill",
                         {"operation": operation, "phase": phase, "pid": pid, "skip": skip, "count": 1})

    def clear_kill_rules(self):
        return http_json(self.endpoint + "/_proxy/kill/clear", {})


# ---------------------------------------------------------------------------------------------
# botocore clients straight to moto


# The one copy of the botocore hook moto's signature check needs (Tests/TestSupport/python).
add_content_sha256 = moto_scenario.add_content_sha256


class Clients:
    def __init__(self, endpoint, key_id, secret):
        session = botocore.session.get_session()
        session.register("before-sign.efs", add_content_sha256)
        self._clients = {}
        self._make = lambda service: session.create_client(
            service, region_name=REGION, endpoint_url=endpoint, aws_access_key_id=key_id,
            aws_secret_access_key=secret)

    def __getattr__(self, service):
        if service.startswith("_"):
            raise AttributeError(service)
        if service not in self._clients:
            self._clients[service] = self._make(service)
        return self._clients[service]


# ---------------------------------------------------------------------------------------------
# Scenarios


class Scenario(deployment.Deployment):
    """One independent deployment in moto (deployment.Deployment: a VPC with 3 AZs, an EFS file
    system, the SSM list, the lock table, an ECS Fargate service whose subnets lie in AZs that
    have a mount target), the binary's environment against it, and the drivers' checks."""

    def __init__(self, clients, users, name, index, workdir, mount_target_zones=1):
        super().__init__(clients, name, f"10.{100 + index}", os.path.join(workdir, f"tree-{name}"),
                         list_name=f"/reliability/{name}/mount-targets", state_name=f"/reliability/{name}/state",
                         lock_table=f"reliability-{name}-lock", cluster=f"reliability-{name}", service="worker",
                         mount_target_zones=range(mount_target_zones), extra_subnet=True)
        self.clients, self.name, self.users = clients, name, users
        self.lock_name = fault_proxy.lock_item_name(self.lock_table)  # in the proxy log's details
        # The first zone's mount target is the deployment's own (Terraform's); any further seeded
        # one stands for a mount target an earlier run of the autoscaler created, so it is owned
        # (only owned mount targets are ever deleted) and scale-in trials can remove it.
        self.seeded_ids = {e["mount_target_id"] for e in self.entries}
        self.seeded_owned = sorted(e["mount_target_id"] for e in self.entries[1:])
        if self.seeded_owned:
            self.seed_lock_item(clients.dynamodb, self.file_system,
                                {"version": 1, "owned_mount_targets": self.seeded_owned})
        self.last_state_version = 0
        self.state_seen = False

    def environment(self, endpoint, **overrides):
        return self.binary_environment(endpoint, self.users["accessKeyId"], self.users["secretAccessKey"],
                                       settings.DRIVER_POLICY, overrides)

    # -- reading moto directly

    def snapshot(self):
        c = self.clients
        mts = c.efs.describe_mount_targets(FileSystemId=self.file_system)["MountTargets"]
        try:
            listed = c.ssm.get_parameter(Name=self.list_name)["Parameter"]
        except c.ssm.exceptions.ParameterNotFound:
            listed = None
        state = self.lock_item(c.dynamodb)
        svc = c.ecs.describe_services(cluster=self.cluster, services=[self.service])["services"][0]
        return {"mount_targets": mts, "list": listed, "state": state,
                "service_subnets": svc["networkConfiguration"]["awsvpcConfiguration"]["subnets"],
                "deployments": svc.get("deployments", [])}

    def check(self, snap):
        """The safety invariant and document integrity; returns a list of violations."""
        problems = []
        mts = [m for m in snap["mount_targets"] if m["LifeCycleState"] != "deleted"]
        by_id = {m["MountTargetId"]: m for m in mts}
        per_az = {}
        for m in mts:
            per_az.setdefault(self.subnet_az.get(m["SubnetId"], m.get("AvailabilityZoneName")), []).append(m["MountTargetId"])
        for az, ids in per_az.items():
            if len(ids) > 1:
                problems.append(f"two mount targets in {az}: {ids}")
        available_azs = {self.subnet_az[m["SubnetId"]] for m in mts if m["LifeCycleState"] == "available"}
        if snap["list"] is None:
            problems.append(f"published list {self.list_name} is missing")
        else:
            try:
                entries = json.loads(snap["list"]["Value"])["mount_targets"]
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"published list does not parse: {error}")
                entries = []
            for e in entries:
                m = by_id.get(e.get("mount_target_id"))
                if m is None or m["LifeCycleState"] != "available":
                    problems.append(f"published {e.get('mount_target_id')} is {m and m['LifeCycleState'] or 'gone'}")
                elif e.get("availability_zone") != self.subnet_az[m["SubnetId"]] or e.get("ip_address") != m["IpAddress"]:
                    problems.append(f"published entry {e} does not match {m['MountTargetId']}")
        subnets = snap["service_subnets"]
        if not subnets:
            problems.append("service has no subnets")
        for s in subnets:
            if self.subnet_az.get(s) not in available_azs:
                problems.append(f"service subnet {s} in {self.subnet_az.get(s)} has no available mount target")
        state = snap["state"]
        if state is None:
            if self.state_seen:
                problems.append("state document disappeared")
        else:
            self.state_seen = True
            value = state["Value"]
            try:
                doc = json.loads(value)
                if doc.get("version") != 1:
                    problems.append(f"state document version field is {doc.get('version')!r}")
            except ValueError as error:
                problems.append(f"state document does not parse: {error}")
            if len(value.encode()) > 4096:
                problems.append(f"state document is {len(value.encode())} bytes")
            if state["Version"] < self.last_state_version:
                problems.append(f"state parameter version went back from {self.last_state_version} to {state['Version']}")
            self.last_state_version = max(self.last_state_version, state["Version"])
        return problems

    def lock_item(self, dynamodb):
        """The lock item as {"Value": state JSON, "Version": record version, "Owner": holder}, or None."""
        item = dynamodb.get_item(TableName=self.lock_table, ConsistentRead=True,
                                 Key={settings.LOCK_TABLE_KEY: {"S": self.file_system}}).get("Item")
        if not item or "state" not in item:
            return None
        return {"Value": item["state"]["S"], "Version": int(item.get("record_version", {}).get("N", "0")),
                "Owner": item.get("owner", {}).get("S")}

    def state_document(self, snap=None):
        snap = snap or self.snapshot()
        return json.loads(snap["state"]["Value"]) if snap["state"] else None

    def seed_lock_item(self, dynamodb, file_system, state):
        dynamodb.put_item(TableName=self.lock_table, Item={
            settings.LOCK_TABLE_KEY: {"S": file_system}, "record_version": {"N": "1"},
            "write_id": {"S": "seed#1"}, "state": {"S": json.dumps(state)}})

    def adopted_azs(self, snap):
        """AZs of available mount targets the autoscaler adopted (a create whose response was lost
        comes back as MountTargetConflict): never owned, so by design never scaled in."""
        state = json.loads(snap["state"]["Value"]) if snap["state"] else {}
        owned = set(state.get("owned_mount_targets") or [])
        return {self.subnet_az[m["SubnetId"]] for m in snap["mount_targets"]
                if m["LifeCycleState"] == "available" and m["MountTargetId"] not in owned | self.seeded_ids}

    def signature(self, snap, without_adopted=False):
        """What a reconciled deployment looks like from outside, by AZ (ids differ between twins).
        `without_adopted` leaves out the AZs of adopted mount targets, which a fault-free twin
        scales in and a faulted deployment keeps (ownership, DESIGN.md §3)."""
        state = json.loads(snap["state"]["Value"]) if snap["state"] else {}
        listed = json.loads(snap["list"]["Value"])["mount_targets"] if snap["list"] else []
        skip = self.adopted_azs(snap) if without_adopted else set()
        return {
            "mount_target_azs": sorted(self.subnet_az[m["SubnetId"]] for m in snap["mount_targets"]
                                       if m["LifeCycleState"] == "available" and self.subnet_az[m["SubnetId"]] not in skip),
            "published_azs": sorted(e["availability_zone"] for e in listed if e["availability_zone"] not in skip),
            "service_azs": sorted({self.subnet_az[s] for s in snap["service_subnets"]} - skip),
            "pending": (state.get("pending") or {}).get("kind"),
            "lease": bool(snap["state"] and snap["state"].get("Owner")),
        }


# ---------------------------------------------------------------------------------------------
# Running the binary


class SimClock:
    """Simulated wall-clock time for the binary: real time plus an offset that only grows."""

    def __init__(self):
        self.offset = 0.0

    def now(self):
        return time.time() + self.offset

    def advance_to(self, sim_time):
        self.offset = max(self.offset, sim_time - time.time())

    def advance(self, seconds):
        self.offset += seconds


def last_json_line(out):
    """The report a run of the binary prints: the last line of its stdout, or None."""
    lines = out.decode(errors="replace").strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else None
    except ValueError:
        return None


class Run(Owned):
    """One run of the binary. `wait()` ends it on every path; for runs that overlap, `with`
    stops whichever is still running when the block is left."""

    def __init__(self, argv, env, log_path, sim_offset):
        self.sim_offset = sim_offset
        self.real_start = time.time()
        self.sim_start = self.real_start + sim_offset
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=log)
        self.pid = self.proc.pid

    def wait(self, timeout=600):
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except BaseException:
            self.stop()
            raise
        self.real_end = time.time()
        self.rc = self.proc.returncode
        self.killed = self.rc == -signal.SIGKILL
        self.report = last_json_line(out)
        return self

    @property
    def outcome(self):
        if self.killed:
            return "killed"
        if self.report is None:
            return "no-report"
        if self.report.get("skipped"):
            return "skipped"
        if self.report.get("error"):
            return "lease-lost" if "lost the lock" in str(self.report.get("error")) else "error"
        return "ok"


def start_invoke(binary, simclock_so, env, sim_offset, log_path, timeout=settings.RUN_TIMEOUT_SECONDS):
    env = dict(env, LD_PRELOAD=simclock_so, SIMCLOCK_OFFSET=f"{sim_offset:.3f}")
    return Run([binary, "invoke", "--timeout", str(timeout)], env, log_path, sim_offset)


def workdir(prefix):
    return tempfile.mkdtemp(prefix=f"reliability-{prefix}-")


class Driver(Resources):
    """What each driver (soak, crash, concurrent_runs) starts from: a work directory, the binary
    and the simulated clock, moto with an administrator and the app user (`users`), botocore
    clients as the administrator, and the fault proxies it starts with `proxy()`.

    Use with `with`: moto and every proxy are stopped however the block is left. `finish()`, after
    the block, prints the violations, keeps or removes the work directory and returns the exit status."""

    def __init__(self, prefix):
        self.workdir = workdir(prefix)
        self.binary = binary_path()
        self.simclock = simclock_library(os.path.join(self.workdir, "simclock"))
        self.moto = None
        self.proxies = []

    def _start(self):
        self.moto = Moto(self.workdir)
        self.users = self.moto.reset_with_users()
        self.clients = self.admin_clients()

    def __exit__(self, *exc):
        try:
            for proxy in self.proxies:
                proxy.stop()
        finally:
            if self.moto:
                self.moto.stop()

    def admin_clients(self):
        """Fresh botocore clients to moto as the administrator (one set per thread)."""
        return Clients(self.moto.endpoint, self.users["adminAccessKeyId"], self.users["adminSecretAccessKey"])

    def proxy(self, name, **options):
        proxy = Proxy(self.moto.endpoint, self.workdir, name, **options)
        self.proxies.append(proxy)
        return proxy

    def finish(self, violations, keep):
        for v in violations[:50]:
            print("VIOLATION:", v)
        if violations or keep:
            print(f"logs kept in {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return 1 if violations else 0


# ---------------------------------------------------------------------------------------------
# Reading the proxy log


def performed(entries, operation):
    """Calls moto really performed (2xx), whatever the client saw."""
    return [e for e in entries if e["operation"] == operation and e["forwarded"]
            and e["upstream_status"] is not None and 200 <= e["upstream_status"] < 300]


def state_writes(entries, scenario):
    """Writes of the scenario's lock item (lock and state) moto performed."""
    return [e for e in performed(entries, "UpdateItem") if (e.get("detail") or {}).get("name") == scenario.lock_name]


def conflicts(entries):
    """CreateMountTarget attempts EFS refused because the AZ already had one (the last guard)."""
    return [e for e in entries if e["operation"] == "CreateMountTarget" and e["forwarded"]
            and e["upstream_status"] == 409]

