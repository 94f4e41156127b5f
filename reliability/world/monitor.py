"""The safety monitor: checks every call the world receives against DESIGN.md §3 and the issue's
list, and records each violation with the call that caused it (never only after a run)."""
import json

LIST_MUTATIONS = ("CreateMountTarget", "DeleteMountTarget", "UpdateService")


class Violation(dict):
    """{kind, t, run, call, detail}: JSON-ready."""


class Monitor:
    def __init__(self, world):
        self.world = world
        self.violations = []
        self._subnets_bad = None
        self._mutators = []           # run names in order of their product mutations (deduplicated runs)

    def record(self, kind, call, detail):
        v = Violation(kind=kind, t=round(self.world.clock.now(), 3), run=call.get("run") if call else None,
                      call=call.get("label") if call else None, detail=detail)
        self.violations.append(v)
        self.world.log_event("violation", **v)

    # -- before a mutating call is let through

    def before_delete(self, call, target_id, now):
        w = self.world
        target = w.efs.targets.get(target_id)
        if target is None:
            self.record("delete-unknown", call, f"DeleteMountTarget {target_id}: no such mount target in the world")
            return
        zone = target.zone
        if target.owner != "autoscaler":
            self.record("delete-not-owned", call, f"DeleteMountTarget {target_id} in {zone}: created by {target.owner}")
        if target_id in w.published_ids(now):
            self.record("delete-published", call, f"DeleteMountTarget {target_id} in {zone}: still in the published list")
        ecs = w.ecs
        if ecs is not None:
            ecs.advance(now)
            in_config = [s for s in ecs.config["subnets"] if w.subnet_az.get(s) == zone]
            if in_config:
                self.record("delete-in-service-subnets", call,
                            f"DeleteMountTarget {target_id}: service subnets {in_config} are in {zone}")
            for d in ecs.deployments:
                running = ecs.running_tasks(d)
                if d.status != "INACTIVE" and running and any(w.subnet_az.get(s) == zone for s in d.subnets):
                    self.record("delete-under-deployment", call,
                                f"DeleteMountTarget {target_id}: deployment {d.id} ({d.status}, {d.rollout}, "
                                f"{len(running)} running) has a subnet in {zone}")
            tasks = [t for t in ecs.running_tasks() if t.zone == zone]
            if tasks:
                self.record("delete-under-task", call,
                            f"DeleteMountTarget {target_id}: {len(tasks)} running task(s) in {zone}, "
                            f"e.g. {tasks[0].arn.rsplit('/', 1)[-1]} ({tasks[0].group})")
        for host in w.hosts:
            held = host.held_ids(w, now)
            if target_id in held:
                self.record("delete-under-host", call,
                            f"DeleteMountTarget {target_id}: host {host.name} still holds a list with it "
                            f"(re-reads every {host.period:.0f} s)")
                break

    def on_list_written(self, call, value, now):
        w = self.world
        try:
            entries = json.loads(value)["mount_targets"]
        except (ValueError, KeyError, TypeError):
            self.record("list-malformed", call, f"list written does not parse: {value[:80]!r}")
            return
        for e in entries:
            target = w.efs.targets.get(e.get("mount_target_id"))
            state = target.state(now) if target else "unknown"
            if state != "available":
                self.record("list-not-available", call, f"published {e.get('mount_target_id')} while it is {state}")

    def on_created(self, call, target, now):
        same = [t.id for t in self.world.efs.live(now) if t.zone == target.zone]
        if len(same) > 1:
            self.record("two-in-one-az", call, f"{target.zone} has {same}")

    def on_mutation(self, call):
        run = call.get("run")
        if call.get("bad_input"):
            self.record("mutation-on-bad-input", call, f"{call['label']} during a run on bad input")
        if call["operation"] not in LIST_MUTATIONS and not call.get("list_write"):
            return
        if self._mutators and self._mutators[-1] == run:
            return
        if run in self._mutators:
            last = len(self._mutators) - 1 - self._mutators[::-1].index(run)
            alive = self.world.alive_runs()
            others = sorted({r for r in self._mutators[last + 1:] if r in alive and r != run})
            if others:
                self.record("interleaved-runs", call, f"{run} mutates again after {others} mutated, both still running")
        self._mutators.append(run)

    # -- after every call

    def after_call(self, call, now):
        w = self.world
        if w.ecs is None:
            return
        available = w.efs.available_zones(now)
        bad = sorted(s for s in w.ecs.config["subnets"] if w.subnet_az.get(s) not in available)
        if bad and bad != self._subnets_bad:
            self.record("service-without-mount-target", call,
                        f"service subnets {bad} are in AZs without an available mount target")
        self._subnets_bad = bad or None
