"""One scenario's deployment: moto (its own process), the world in front of it, the resources
seeded with botocore straight into moto (an independent peer of our Swift client), and the real
binary run through its Lambda, invoke and worker faces at chosen simulated times."""
import json
import os
import signal
import subprocess
import time

import harness as h
import settings
from deployment import Deployment

from . import ecs as ecs_model
from . import efs as efs_model
from .lambda_api import RuntimeAPI
from .simtime import SimTime
from .world import World

SLOTS = ("lambda", "worker", "invoke-a", "invoke-b")


class Sandbox(h.Resources):
    """Use as a context manager: every process, Runtime API, world and moto it starts is ended on
    exit, however the block is left."""

    def __init__(self, scenario, seed, workdir, binary, simclock_so, rate=settings.WORLD_RATE,
                 lambda_timeout=settings.RUN_TIMEOUT_SECONDS, moto=None):
        self.scenario, self.seed, self.workdir = scenario, seed, workdir
        self.binary, self.simclock_so = binary, simclock_so
        self.rate, self.lambda_timeout = rate, lambda_timeout
        self.moto = moto            # a moto this sandbox may reuse (reset first); else its own
        self.own_moto = moto is None
        self.world = None
        self.processes = []
        self.apis = set()          # Runtime APIs not stopped yet
        self.runs = []
        self.crossed_at = []       # simulated times at which the count crossed the threshold upwards
        self.env_overrides = {}

    # -- set-up and tear-down

    def __exit__(self, *exc):
        try:
            for proc in self.processes:
                h.stop_process(proc)
            for api in list(self.apis):
                api.stop()
        finally:
            try:
                if self.world:
                    self.world.stop()
            finally:
                if self.moto and self.own_moto:
                    self.moto.stop()

    def _start(self):
        if self.moto is None:
            self.moto = h.Moto(self.workdir)
        users = self.moto.reset_with_users()
        self.admin = h.Clients(self.moto.endpoint, users["adminAccessKeyId"], users["adminSecretAccessKey"])
        self.keys = {slot: self._user(slot) for slot in SLOTS}
        self.clock = SimTime(rate=self.rate, start=1_900_000_000.0)
        self._seed()

    def _user(self, slot):
        iam = self.admin.iam
        iam.create_user(UserName=f"world-{slot}")
        iam.put_user_policy(UserName=f"world-{slot}", PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName=f"world-{slot}")["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def _seed(self):
        sc = self.scenario
        now = self.clock.now()  # the deployment exists from now on (the world's ticks count from here)
        # The lock table is seeded too: a binary from before the DynamoDB lock ignores
        # LOCK_TABLE_NAME and keeps its lease in STATE_PARAMETER_NAME; the same scenarios run
        # against both.
        d = self.deployment = Deployment(
            self.admin, "world", "10.30", os.path.join(self.workdir, "tree"), list_name="/world/mount-targets",
            state_name="/world/state", lock_table="world-locks", cluster="world", service="app",
            mount_target_zones=sc.terraform_zones, desired_count=3)
        self.zones, self.subnet_az, self.list_name, self.state_name = d.zones, d.subnet_az, d.list_name, d.state_name
        self.world = World(self.moto.endpoint, self.clock, self.subnet_az, self.list_name, self.state_name,
                           seed=self.seed, log_path=os.path.join(self.workdir, "world.jsonl")).start()
        w = self.world
        w.efs = efs_model.EFSModel(d.file_system, self.subnet_az, one_zone=getattr(sc, "one_zone", None),
                                   zone_ids=d.zone_ids)
        for e in d.entries:
            w.efs.adopt(e["mount_target_id"], e["subnet_id"], now, "terraform", e["ip_address"])
        w.record_parameter(self.list_name, d.list_value, d.list_version, now - 3600)
        w.ecs = ecs_model.ECSModel(d.cluster, d.service, self.subnet_az, d.service_network, desired=3,
                                   task_definition=d.task_definition, controller=getattr(sc, "controller", "ECS"),
                                   rollout_state=getattr(sc, "rollout_state", True), now=now - 3600)
        w.read_item = self._read_item
        self.started_at = now

    def _read_item(self, table, key):
        try:
            return self.admin.dynamodb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        except Exception:  # a table or key the binary got wrong: its own call will say so
            return None

    # -- the file tree (the signal)

    def set_file_count(self, n):
        before = self.deployment.set_file_count(n)
        threshold = int(self.environment().get("FILE_COUNT_THRESHOLD"))
        if before <= threshold < n:
            self.crossed_at.append(self.clock.now())

    # -- running the binary

    def environment(self, slot="lambda"):
        key, secret = self.keys[slot]
        return self.deployment.binary_environment(self.world.endpoint, key, secret, settings.WORLD_POLICY,
                                                  {**getattr(self.scenario, "env", {}), **self.env_overrides})

    def _spawn(self, argv, slot, name, extra_env=None, bad_input=False, face="lambda"):
        env = dict(self.environment(slot), **self.clock.process_env(self.simclock_so), **(extra_env or {}))
        log = open(os.path.join(self.workdir, f"{name}.log"), "wb")
        try:
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=log)
        finally:
            log.close()
        self.processes.append(proc)
        self.world.begin_run(self.keys[slot][0], name, proc.pid, bad_input=bad_input, face=face)
        return proc

    def start_lambda(self, slot="lambda", bad_input=False):
        """Starts one scheduled invocation; returns a handle to `finish()`."""
        name = f"{slot}-{len(self.runs) + 1:04d}"
        api = RuntimeAPI({"source": "aws.events", "detail-type": "Scheduled Event"},
                         (self.clock.now() + self.lambda_timeout) * 1000)
        self.apis.add(api)
        proc = self._spawn([self.binary, "lambda"], slot, name, {"AWS_LAMBDA_RUNTIME_API": api.address},
                           bad_input=bad_input)
        return LambdaRun(self, name, slot, proc, api)

    def start_invoke(self, slot="invoke-a"):
        """`efs-autoscaler invoke`: one handler run, its deadline `lambda_timeout` simulated seconds away."""
        name = f"{slot}-{len(self.runs) + 1:04d}"
        proc = self._spawn([self.binary, "invoke", "--timeout", str(int(self.lambda_timeout))], slot, name, face="invoke")
        return InvokeRun(self, name, slot, proc)

    def lambda_run(self, slot="lambda", bad_input=False):
        return self.start_lambda(slot, bad_input).finish()

    def start_worker(self, interval_sim, slot="worker"):
        name = f"{slot}-{len(self.runs) + 1:04d}"
        interval = max(1, round(interval_sim / self.rate))
        proc = self._spawn([self.binary, "worker", "--interval", f"{interval}s"], slot, name, face="worker")
        return proc, name

    def stop_worker(self, proc, slot="worker"):
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        finally:
            self.world.end_run(self.keys[slot][0])

    # -- schedule

    def next_tick(self, period):
        """Jumps to the next multiple of `period` after now (a scheduler's next invocation)."""
        now = self.clock.now()
        elapsed = now - self.started_at
        tick = self.started_at + (int(elapsed // period) + 1) * period
        self.clock.jump_to(tick)
        self.world.pump(tick)
        return tick

    def snapshot(self):
        """The world's view now: what a scenario's expected end state is checked against."""
        now = self.clock.now()
        w = self.world
        w.pump(now)
        live = w.efs.live(now)
        published = json.loads(w.list_value_at(now) or "{}").get("mount_targets", [])
        return {
            "t": now,
            "mount_targets": {t.zone: {"id": t.id, "state": t.state(now), "owner": t.owner} for t in live},
            "published_zones": sorted(e["availability_zone"] for e in published),
            "service_zones": sorted({self.subnet_az.get(s) for s in w.ecs.config["subnets"]}),
            "rollout": w.ecs.primary().rollout,
            "running_task_zones": sorted({t.zone for t in w.ecs.running_tasks()}),
        }


def outcome_of(kind, body, killed):
    """ok, skipped (another run held the lock), error, killed or no-result."""
    if killed:
        return "killed"
    if kind == "none":
        return "no-result"
    if kind == "error" or not isinstance(body, dict):
        return "error"
    if body.get("skipped"):
        return "skipped"
    return "error" if body.get("error") else "ok"


class LambdaRun:
    def __init__(self, sandbox, name, slot, proc, api):
        self.sandbox, self.name, self.slot, self.proc, self.api = sandbox, name, slot, proc, api
        self.sim_start = sandbox.clock.now()

    def finish(self):
        sb = self.sandbox
        limit = sb.clock.real_seconds(sb.lambda_timeout) + 60
        started = time.time()
        try:
            while not self.api.done.is_set() and self.proc.poll() is None and time.time() - started < limit:
                self.api.done.wait(0.05)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.api.stop()
            sb.apis.discard(self.api)
            sb.world.end_run(sb.keys[self.slot][0])
        kind, body = self.api.result or ("none", None)
        self.kind, self.body = kind, body
        self.killed = self.proc.returncode == -signal.SIGKILL and kind == "none"
        self.outcome = outcome_of(self.kind, self.body, self.killed)
        self.sim_end = sb.clock.now()
        sb.runs.append(self)
        return self



class InvokeRun:
    """The `invoke` face: the report is the last line of its stdout."""

    def __init__(self, sandbox, name, slot, proc):
        self.sandbox, self.name, self.slot, self.proc = sandbox, name, slot, proc
        self.sim_start = sandbox.clock.now()

    def finish(self):
        sb = self.sandbox
        try:
            out, _ = self.proc.communicate(timeout=sb.clock.real_seconds(sb.lambda_timeout) + 60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        finally:
            sb.world.end_run(sb.keys[self.slot][0])
        self.killed = self.proc.returncode == -signal.SIGKILL
        self.body = h.last_json_line(out)
        self.kind = "response" if self.body is not None else "none"
        self.outcome = outcome_of(self.kind, self.body, self.killed)
        self.sim_end = sb.clock.now()
        sb.runs.append(self)
        return self
