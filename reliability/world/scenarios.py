"""The named scenarios. Each is seeded (the seed picks lifecycles, outcomes, host phases and
fault draws), drives the real binary through a sandbox, and states its expected end state.

A scenario is a class with `name`, `about`, optional sandbox settings (`terraform_zones`, `env`,
`controller`, `rollout_state`, `one_zone`), `arrange(sb, rng)` to set the world's traps, and
`drive(sb, rng)` made of the phases below. `expect(sb, snap)` returns what is wrong with the end
state (empty when it is right); `settle` runs until it is empty with every fault off.
"""
import os
import random
import time

import settings

SCALE_OUT_FILES, SCALE_IN_FILES = settings.SCALE_OUT_FILES, settings.WORLD_SCALE_IN_FILES


class Scenario:
    name = "?"
    about = ""
    terraform_zones = (0,)
    env = {}
    period = 300.0
    controller = "ECS"
    rollout_state = True
    one_zone = None
    hosts = 1                      # hosts that mount by IP and re-read the list (settings.HOST_REREAD_SECONDS)
    cost = 1                       # relative wall time: the costliest start first
    target_zones = 2               # zones served at least at the end (a high count may grow further)

    def __init__(self, period=None, long=False):
        if period:
            self.period = float(period)
        self.long = long

    def arrange(self, sb, rng):
        pass

    def drive(self, sb, rng):
        scale_out(sb, self.period, self.target_zones)

    def expect(self, sb, snap):
        return consistent(snap, self.target_zones)

    def disarm(self, sb):
        """Ends the scenario's disturbances before the settle phase."""
        f = sb.world.faults
        f.storms, f.random_rate, f.late_writes, f.stale_names = [], 0.0, [], set()
        sb.world.kill_rules.clear()


# ---------------------------------------------------------------------------------------------
# phases


def tick_runs(sb, period, runs, until=None, slot="lambda"):
    """Up to `runs` scheduled invocations, `period` apart; stops early when `until(snapshot)`."""
    done = 0
    for _ in range(runs):
        sb.lambda_run(slot)
        done += 1
        sb.next_tick(period)
        if until and until(sb.snapshot()):
            break
    return done


def scale_out(sb, period, zones, runs=12):
    sb.set_file_count(SCALE_OUT_FILES)
    return tick_runs(sb, period, runs, until=lambda s: len(s["published_zones"]) >= zones
                     and s["rollout"] == "COMPLETED" and len(s["service_zones"]) >= zones)


def scale_in(sb, period, runs=14, zones=1):
    sb.set_file_count(SCALE_IN_FILES)
    return tick_runs(sb, period, runs, until=lambda s: len(s["mount_targets"]) <= zones)


def consistent(snap, zones):
    problems = []
    available = sorted(z for z, t in snap["mount_targets"].items() if t["state"] == "available")
    if snap["published_zones"] != available:
        problems.append(f"published {snap['published_zones']} but available {available}")
    if snap["service_zones"] != snap["published_zones"]:
        problems.append(f"service in {snap['service_zones']} but published {snap['published_zones']}")
    if zones is not None and len(available) < zones:
        problems.append(f"{len(available)} zone(s) served, expected at least {zones}")
    if snap["rollout"] != "COMPLETED":
        problems.append(f"rollout {snap['rollout']}")
    return problems


def settled_safely(snap):
    """The end state of a drain that met a trap: finished or held, but safe and still. Clients only
    where mount targets are published, published only what is available, nothing rolling out.
    (Deleting or keeping the drained mount target are both right once the trap is gone: issue 16
    lets a drain start over, abandon, or hold and fail loudly at its timeout.)"""
    problems = []
    available = {z for z, t in snap["mount_targets"].items() if t["state"] == "available"}
    if not set(snap["published_zones"]) <= available:
        problems.append(f"published {snap['published_zones']} but available {sorted(available)}")
    if not set(snap["service_zones"]) <= set(snap["published_zones"]):
        problems.append(f"service in {snap['service_zones']} but published {snap['published_zones']}")
    if snap["rollout"] == "IN_PROGRESS":
        problems.append("rollout IN_PROGRESS")
    return problems


def drained_zone_hook(sb, action):
    """Calls `action(world, t, zone, old_subnets)` once, when the autoscaler's UpdateService drops a zone."""
    fired = []

    def hook(world, call, body, doc):
        if fired or call.get("run") is None or call.get("status", 500) >= 300:
            return
        network = (body.get("networkConfiguration") or {}).get("awsvpcConfiguration")
        if not network:
            return
        before = world.ecs.history[-2][2] if len(world.ecs.history) >= 2 else []
        dropped = {world.subnet_az[s] for s in before} - {world.subnet_az[s] for s in network["subnets"]}
        if dropped:
            fired.append(True)
            action(world, world.clock.now(), sorted(dropped)[0], before)
    sb.world.on("UpdateService", hook)


class ScaleIn(Scenario):
    """Scale out to two zones (the autoscaler creates the second), then drain it."""
    target_zones = 1

    def expect(self, sb, snap):
        return settled_safely(snap)

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2)
        self.trap(sb, rng)
        scale_in(sb, self.period)

    def trap(self, sb, rng):
        pass


# ---------------------------------------------------------------------------------------------
# scale-in scenarios of issue 16


def trap_rollback(sb, rng):
    sb.world.ecs.next_outcomes.append({"outcome": "rollback", "duration": rng.uniform(90, 240)})


def trap_actor_deploy(sb, rng):
    delay = rng.uniform(20, 90)

    def resend(world, t, zone, old):
        world.at(t + delay, lambda at: world.ecs.update(at, subnets=old, actor="ci-deploy", duration=120),
                 "ci-deploy re-sends the old subnets")
    drained_zone_hook(sb, resend)


def trap_run_task(sb, rng, started):
    def start(world, t, zone, old):
        subnet = next(s for s in old if world.subnet_az[s] == zone)
        started.append(world.ecs.run_task(subnet, t))
    drained_zone_hook(sb, start)


def trap_failed_rollout(sb, rng):
    sb.world.ecs.next_outcomes.append({"outcome": "fail", "duration": rng.uniform(120, 300)})


class RollbackDuringDrain(ScaleIn):
    name = "rollback-during-drain"
    about = "the drain's deployment fails and the circuit breaker restores the previous subnets"

    def trap(self, sb, rng):
        trap_rollback(sb, rng)


class ActorDeployDuringDrain(ScaleIn):
    name = "actor-deploy-during-drain"
    about = "a CI/CD deploy re-sends the old subnet list while the autoscaler drains"

    def trap(self, sb, rng):
        trap_actor_deploy(sb, rng)


class RunTaskLeft(ScaleIn):
    name = "runtask-left-in-drain"
    about = "a RunTask task (a scheduled job) keeps running in the AZ being drained"

    def trap(self, sb, rng):
        self.tasks = []
        trap_run_task(sb, rng, self.tasks)

    def drive(self, sb, rng):
        super().drive(sb, rng)
        for task in self.tasks:
            sb.world.ecs.stop_task(task, sb.clock.now())   # the job ends; now the drain may finish


class FailedRollout(ScaleIn):
    name = "failed-rollout"
    about = "the drain's deployment goes FAILED without rollback: the old tasks keep running in the AZ"
    env = {"DRAIN_TIMEOUT_SECONDS": "900"}

    def trap(self, sb, rng):
        trap_failed_rollout(sb, rng)

    def drive(self, sb, rng):
        super().drive(sb, rng)
        operator_repairs_failed_rollout(sb)


class TerraformOwnedHighest(Scenario):
    name = "terraform-owned-highest-az"
    cost = 2
    about = "Terraform created the mount targets of 1a and 1d (the highest AZ); the count drops"
    terraform_zones = (0, 2)
    target_zones = 2

    def drive(self, sb, rng):
        scale_in(sb, self.period, runs=8)


# ---------------------------------------------------------------------------------------------
# scale-out and lifecycle scenarios


class SlowCreates(Scenario):
    name = "slow-creates"
    about = "mount targets stay `creating` for minutes (long: 5 to 30): many Lambda runs under their deadline"
    target_zones = 2

    def arrange(self, sb, rng):
        low, high = (300, 1800) if self.long else (240, 720)
        if self.long:
            self.target_zones = 3
        sb.world.efs.lifecycle = lambda zone: (rng.uniform(low, high), "available")

    def drive(self, sb, rng):
        sb.env_overrides["SCALE_OUT_COOLDOWN_SECONDS"] = "60"
        scale_out(sb, self.period, self.target_zones, runs=80 if self.long else 10)


class CreateEndsInError(Scenario):
    name = "create-ends-in-error"
    about = "the first new mount target ends in `error` after minutes of `creating`"

    def arrange(self, sb, rng):
        first = []

        def lifecycle(zone):
            if not first:
                first.append(zone)
                return (rng.uniform(60, 300), "error")
            return (rng.uniform(60, 180), "available")
        sb.world.efs.lifecycle = lifecycle

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=14)


class OutOfAddresses(Scenario):
    name = "az-out-of-addresses"
    about = "CreateMountTarget in 1c fails with NoFreeAddressesInSubnet; 1d is free"

    def arrange(self, sb, rng):
        sb.world.efs.create_failures[sb.zones[1]] = "NoFreeAddressesInSubnet"

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=10)


class InterfaceLimit(Scenario):
    name = "eni-limit"
    about = "CreateMountTarget fails with NetworkInterfaceLimitExceeded for a while (a quota raise takes time)"

    def arrange(self, sb, rng):
        zone = sb.zones[1]
        sb.world.efs.create_failures[zone] = "NetworkInterfaceLimitExceeded"
        sb.world.at(sb.clock.now() + rng.uniform(900, 1800),
                    lambda t: sb.world.efs.create_failures.pop(zone, None), "the ENI quota is raised")

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=10)


class ServedZoneFillsUp(Scenario):
    name = "served-az-fills-up"
    about = "the application's tasks fill 1c's subnet after 1c got its mount target; the count stays high"

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2)
        sb.env_overrides["MAX_MOUNT_TARGETS"] = "2"
        sb.world.efs.create_failures[sb.zones[1]] = "NoFreeAddressesInSubnet"
        tick_runs(sb, self.period, 6)


class OneZone(Scenario):
    name = "one-zone-file-system"
    about = "a One Zone file system: every other AZ is UnsupportedAvailabilityZone"
    target_zones = 1

    def arrange(self, sb, rng):
        sb.world.efs.one_zone = sb.zones[0]

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=4)


# ---------------------------------------------------------------------------------------------
# concurrency and consistency scenarios


class LambdaAndWorker(Scenario):
    name = "lambda-and-worker"
    cost = 4
    about = "the Lambda (every minute) and the worker (every minute, jittered) both run; long: a drain too"
    period = 60.0
    target_zones = None

    def drive(self, sb, rng):
        ticks, low_at = (36, 10) if self.long else (8, None)
        sb.set_file_count(SCALE_OUT_FILES)
        worker, _ = sb.start_worker(self.period)
        try:
            for i in range(ticks):
                if i == low_at:
                    sb.set_file_count(SCALE_IN_FILES)
                sb.lambda_run()
                # no jump while the worker runs: wait for the next tick in real time
                tick = sb.started_at + (int((sb.clock.now() - sb.started_at) // self.period) + 1) * self.period
                time.sleep(max(0.0, sb.clock.real_seconds(tick - sb.clock.now())))
        finally:
            sb.stop_worker(worker)


class LateLockWrite(Scenario):
    name = "late-lock-write"
    about = "a run's lock write times out at the client and lands 20 to 60 s later; an `invoke` run starts meanwhile"
    target_zones = None

    def arrange(self, sb, rng):
        state = sb.state_name
        sb.world.faults.late_writes.append({
            "match": lambda c: c["operation"] in ("PutParameter", "PutItem", "UpdateItem") and state in c["label"]
            or c["service"] == "dynamodb" and c["operation"] in ("PutItem", "UpdateItem"),
            "delay": rng.uniform(20, 60), "remaining": 2, "skip": 0})

    def drive(self, sb, rng):
        sb.set_file_count(SCALE_OUT_FILES)
        for _ in range(4):
            first = sb.start_lambda("lambda")
            time.sleep(sb.clock.real_seconds(rng.uniform(5, 30)))
            second = sb.start_invoke("invoke-a")      # the other face: `efs-autoscaler invoke`
            first.finish()
            second.finish()
            sb.next_tick(self.period)


class StaleStateRead(Scenario):
    name = "stale-state-read"
    about = "reads of the state return the older value for 30 s after a write; two runs overlap"
    target_zones = None

    def arrange(self, sb, rng):
        f = sb.world.faults
        f.stale_window, f.stale_names = 30.0, {sb.state_name, "dynamodb"}

    def drive(self, sb, rng):
        LateLockWrite.drive(self, sb, rng)


class TerraformApplyDuringScaleOut(Scenario):
    name = "terraform-apply-during-scale-out"
    about = "terraform apply re-puts the list value it read before the scale-out"

    def arrange(self, sb, rng):
        w = sb.world
        old = w.list_value_at(w.clock.now())
        fired = []

        def hook(world, call, body, doc):
            if fired or not call.get("list_write") or call.get("run") is None:
                return
            fired.append(True)
            delay = rng.uniform(10, 120)
            world.at(world.clock.now() + delay, lambda t: put(t), "terraform apply re-puts the old list")

        def put(t):
            w.faults.count("terraform-apply")
            version = sb.admin.ssm.put_parameter(Name=sb.list_name, Value=old, Type="String", Overwrite=True)["Version"]
            w.record_parameter(sb.list_name, old, version, t)
            w.monitor.on_list_written({"run": "terraform", "label": "PutParameter (terraform apply)"}, old, t)
        w.on("PutParameter", hook)


class ThrottlingStorm(Scenario):
    name = "throttling-storm"
    about = "half of all calls throttled (HTTP 400, x-amz-retry-after) in 10-minute storms"

    def arrange(self, sb, rng):
        t0 = sb.clock.now()
        sb.world.faults.storms = [(t0 + k * 1200, t0 + k * 1200 + 600, 0.5, rng.choice([200, 1000, 5000]))
                                  for k in range(6)]

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=8)
        sb.set_file_count(SCALE_IN_FILES)
        tick_runs(sb, self.period, 8, until=lambda s: len(s["mount_targets"]) <= 1)
    target_zones = 1


class RandomFaults(Scenario):
    name = "random-faults"
    about = "the fault proxy's kinds (throttle, 500, 503, resets before and after moto acted) on 20 % of calls"
    target_zones = 1

    def arrange(self, sb, rng):
        sb.world.faults.random_rate = 0.2

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=10)
        scale_in(sb, self.period, runs=10)


class CrashRestart(Scenario):
    name = "crash-restart"
    about = "kill -9 right before or after a mutating call, in scale-out and in the drain"
    target_zones = 1

    def arrange(self, sb, rng):
        # The lock's writes (DynamoDB PutItem/UpdateItem; SSM PutParameter before the lock moved)
        # are crash points too: a run dies holding the lock, or right after a fence.
        ops = ["CreateMountTarget", "PutParameter", "UpdateService", "DeleteMountTarget", "UpdateItem", "PutItem"]
        for op in rng.sample(ops, 4):
            sb.world.kill_rules.append({"operation": op, "phase": rng.choice(["before", "after"]),
                                        "skip": rng.randint(0, 1), "count": 1})

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=10)
        scale_in(sb, self.period, runs=12)


class NoRolloutState(ScaleIn):
    name = "no-rollout-state"
    about = "a service whose deployments never report rolloutState (drains reach the timeout path)"
    rollout_state = False
    env = {"DRAIN_TIMEOUT_SECONDS": "900"}

    def trap(self, sb, rng):
        # the drain's deployment is slow: still moving tasks when the drain times out
        sb.world.ecs.next_outcomes.append({"outcome": "complete", "duration": 1500})


class CodeDeployService(Scenario):
    controller = "CODE_DEPLOY"
    name = "codedeploy-service"
    about = "a service with the CODE_DEPLOY controller: ECS refuses network changes and forced deployments"

    def drive(self, sb, rng):
        scale_out(sb, self.period, 2, runs=4)

    def expect(self, sb, snap):
        # Nothing can move the service; safety asks only that it stays where mount targets are.
        problems = [p for p in consistent(snap, None) if not p.startswith("service in")]
        if not set(snap["service_zones"]) <= set(snap["published_zones"]):
            problems.append(f"service in {snap['service_zones']} outside published {snap['published_zones']}")
        return problems


class BadInput(Scenario):
    name = "bad-input"
    about = "a malformed state document: the run must fail without any mutating call"
    target_zones = 1

    def drive(self, sb, rng):
        sb.admin.ssm.put_parameter(Name=sb.state_name, Value='{"version":1,"pending":{"kind":"nonsense"}}',
                                   Type="String", Overwrite=True)
        sb.set_file_count(SCALE_OUT_FILES)
        for _ in range(2):
            sb.lambda_run(bad_input=True)
            sb.next_tick(self.period)
        sb.admin.ssm.delete_parameter(Name=sb.state_name)
        sb.set_file_count(settings.IDLE_FILES)

    def expect(self, sb, snap):
        return consistent(snap, 1)


def operator_repairs_failed_rollout(sb):
    """What an operator does about a FAILED rollout: a forced deployment of the current configuration."""
    ecs = sb.world.ecs
    if ecs.primary().rollout == "FAILED":
        ecs.update(sb.clock.now(), force=True, actor="operator", duration=120, outcome="complete")


class SoakDays(Scenario):
    name = "soak-days"
    cost = 5
    about = "simulated days: scale-outs and drains at random hours, light faults; long: each drain with a random trap"
    target_zones = None
    idle_stride = 6 * 3600.0

    def drive(self, sb, rng):
        days = float(os.environ.get("WORLD_SOAK_DAYS", "25")) if self.long else 0.25
        end = sb.clock.now() + days * 86400
        # The short form draws no trap of issue 16 (a drain there passes on every main); the long
        # form draws them all.
        traps = [None, trap_rollback, trap_actor_deploy, "run-task", trap_failed_rollout] if self.long else [None]
        while sb.clock.now() < end:
            tasks = []
            zones = len(sb.snapshot()["mount_targets"])
            if zones < 3 and (zones == 1 or rng.random() < 0.5):
                zones += 1
                sb.set_file_count(SCALE_OUT_FILES)
            else:
                zones -= 1
                trap = rng.choice(traps)
                if trap == "run-task":
                    trap_run_task(sb, rng, tasks)
                elif trap:
                    trap(sb, rng)
                sb.set_file_count(SCALE_IN_FILES)
            sb.world.faults.random_rate = 0.05
            tick_runs(sb, self.period, 16, until=lambda snap: len(snap["mount_targets"]) == zones
                      and not consistent(snap, zones))
            sb.world.faults.random_rate = 0.0
            sb.set_file_count(settings.IDLE_FILES)   # between the thresholds: nothing to do
            for task in tasks:
                sb.world.ecs.stop_task(task, sb.clock.now())
            sb.world.ecs.next_outcomes.clear()
            operator_repairs_failed_rollout(sb)
            tick_runs(sb, self.period, 6, until=lambda snap: not consistent(snap, None))
            idle_until = sb.clock.now() + rng.uniform(2, 12) * 3600
            while sb.clock.now() < min(idle_until, end):
                sb.lambda_run()
                sb.next_tick(self.idle_stride)

    def expect(self, sb, snap):
        return settled_safely(snap)


ALL = [RollbackDuringDrain, ActorDeployDuringDrain, RunTaskLeft, FailedRollout, TerraformOwnedHighest,
       SlowCreates, CreateEndsInError, OutOfAddresses, InterfaceLimit, ServedZoneFillsUp, OneZone, LambdaAndWorker, LateLockWrite, StaleStateRead,
       TerraformApplyDuringScaleOut, ThrottlingStorm, RandomFaults, CrashRestart, NoRolloutState, CodeDeployService, BadInput,
       SoakDays]
BY_NAME = {s.name: s for s in ALL}


def rng_for(name, seed):
    return random.Random(f"{name}:{seed}")
