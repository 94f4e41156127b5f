#!/usr/bin/env python3
"""Crash-restart: `kill -9` the real binary at random points of a scale-out or a scale-in.

Each trial seeds a fresh deployment in moto and runs `efs-autoscaler invoke` through a proxy:
  * scale-out: 1 mount target, 150 files (threshold 100), MAX_MOUNT_TARGETS=2;
  * scale-in: 2 mount targets, 20 files (scale-in threshold 50), MIN_MOUNT_TARGETS=1, no
    stabilization window; the kill hits either the drain run or the delete run.
The kill comes either (60 %) from the proxy when it sees the n-th call of an operation, going
round a fixed list of points per kind of run (SCALE_OUT_POINTS, DRAIN_POINTS, DELETE_POINTS,
written from the calls a run really makes: the comment above them), or from a timer at a random
moment of the run. A proxy kill comes before forwarding the call (it never happens) or after
moto performed it (the process dies before reading the answer). The points cover the lock take
(the first DynamoDB UpdateItem of the lock item), the fence before each mutating call
(CreateMountTarget, the list's PutParameter, UpdateService, DeleteMountTarget), those calls
themselves, the state records after them and the release (the last UpdateItem). A fixed point
that some trial used and that never fired (the run finished first every time: the binary no
longer makes that call) is a violation, so the lists cannot silently go stale.

Right after the kill and after every later run, moto is read directly and the safety invariant
(published = available only; service subnets in served AZs), one mount target per AZ and the
state document's integrity are checked. Recovery runs start at simulated times past the dead
run's lease (deadline + 30 s), like the next scheduled invocation; the deployment must reach the
expected end state (2 resp. 1 AZs, all published and in the service, nothing pending, no lease)
within 3 runs.

Usage: crash.py [--trials 50] [--seed 1] [--keep]     Exits 1 on any violation.
       crash.py --check-points    one trial per fixed point of every list (no timer kills)
       crash.py --show-calls      the calls of one unkilled run of each kind, in order
"""
import argparse
import collections
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
import results  # noqa: E402
import settings  # noqa: E402

LEASE_GAP = settings.LEASE_GAP_SECONDS  # past a dead run's lease
MAX_RECOVERY_RUNS = 3

# The calls a run makes, in order (`crash.py --show-calls` prints them: one run of each kind
# through the proxy, no kill; the same on every run, since this proxy injects no faults). The
# lock and the state document are one DynamoDB item: every write of it is an `UpdateItem` (the
# lock take, a fence proving the lock right before each mutating call, a state record, the
# release); SSM `PutParameter` only publishes the mount-target list. "#n" counts the calls of
# one operation within the run, as a kill point does.
#
#   scale-out (1 -> 2 mount targets):
#     GetItem #1, GetParameter #1-#2, DescribeSubnets, DescribeSecurityGroups, DescribeFileSystems,
#     DescribeMountTargets #1, DescribeServices #1, GetItem #2, GetParameter #3     (observe; read the lock)
#     UpdateItem #1         take the lock
#     GetItem #3, GetParameter #4, DescribeSubnets, DescribeFileSystems, DescribeMountTargets #2,
#     DescribeMountTargetSecurityGroups, DescribeServices #2                        (observe under the lock)
#     UpdateItem #2         record the state (pending scale_out)
#     UpdateItem #3         fence
#     CreateMountTarget #1
#     UpdateItem #4         record the state (mount target created)
#     DescribeMountTargets #3 (available), GetItem #4, GetParameter #5, DescribeSubnets,
#     DescribeFileSystems, DescribeMountTargets #4, DescribeMountTargetSecurityGroups x2,
#     DescribeServices #3                                                           (observe again)
#     UpdateItem #5         fence
#     PutParameter #1       publish the list
#     UpdateItem #6         fence
#     UpdateService #1      service subnets
#     UpdateItem #7         record the state (service updated)
#     UpdateItem #8         record the state (nothing pending)
#     UpdateItem #9         release
#
#   scale-in, drain run (2 -> 1: unpublish, move the service; the delete comes in a later run):
#     GetItem #1, GetParameter #1, DescribeSubnets, DescribeSecurityGroups, DescribeFileSystems,
#     DescribeMountTargets #1, DescribeServices #1, GetItem #2
#     UpdateItem #1         take the lock
#     GetItem #3, GetParameter #2, DescribeSubnets, DescribeFileSystems, DescribeMountTargets #2,
#     DescribeMountTargetSecurityGroups x2, DescribeServices #2
#     UpdateItem #2         record the state (pending scale_in_drain)
#     UpdateItem #3         fence
#     PutParameter #1       publish the list without the drained mount target
#     UpdateItem #4         fence
#     UpdateService #1      service subnets, forced deployment
#     UpdateItem #5         record the state (service updated)
#     UpdateItem #6         record the state (deployment forced)
#     UpdateItem #7         release
#
#   scale-in, delete run (the drain above finished):
#     GetItem #1, GetParameter #1, DescribeSubnets, DescribeSecurityGroups, DescribeFileSystems,
#     DescribeMountTargets #1, DescribeServices #1, GetItem #2
#     UpdateItem #1         take the lock
#     GetItem #3, GetParameter #2, DescribeSubnets, DescribeFileSystems, DescribeMountTargets #2,
#     DescribeMountTargetSecurityGroups x2, DescribeServices #2, ListTasks #1-#2
#     UpdateItem #2         fence
#     DeleteMountTarget #1
#     UpdateItem #3         record the state (mount target deleted)
#     UpdateItem #4         record the state (nothing pending)
#     UpdateItem #5         release
#
# Kill points: (operation, phase, n, what): kill the run when the n-th call of `operation`
# arrives, before forwarding it (it never happens) or after moto performed it (the run dies
# before reading the answer). Nothing happens between two consecutive calls, so "after X" and
# "before the call that follows X" leave the same world behind: each list has one point per gap
# between the lock and mutating calls above (plus a few before a fence, after the reads that
# precede it), named so that together the lists name every kind of point. A point that never
# fires is a violation: update the lists from `--show-calls` when the sequence changes.
Point = collections.namedtuple("Point", "operation phase n what")

SCALE_OUT_POINTS = [
    Point("UpdateItem", "before", 1, "lock take"),
    Point("UpdateItem", "after", 1, "lock take"),
    Point("UpdateItem", "before", 3, "fence before the create"),
    Point("CreateMountTarget", "before", 1, "after its fence"),
    Point("CreateMountTarget", "after", 1, "not recorded yet"),
    Point("UpdateItem", "after", 4, "create recorded"),
    Point("UpdateItem", "before", 5, "fence before publishing"),
    Point("UpdateItem", "after", 5, "fence before publishing"),
    Point("PutParameter", "after", 1, "list published"),
    Point("UpdateItem", "after", 6, "fence before UpdateService"),
    Point("UpdateService", "after", 1, "not recorded yet"),
    Point("UpdateItem", "after", 7, "service update recorded"),
    Point("UpdateItem", "before", 9, "release"),
    Point("UpdateItem", "after", 9, "release"),
]
DRAIN_POINTS = [
    Point("UpdateItem", "before", 1, "lock take"),
    Point("UpdateItem", "after", 1, "lock take"),
    Point("UpdateItem", "before", 3, "fence before publishing, drain recorded"),
    Point("PutParameter", "before", 1, "after its fence"),
    Point("UpdateItem", "before", 4, "fence before UpdateService, list published"),
    Point("UpdateService", "before", 1, "after its fence"),
    Point("UpdateItem", "before", 5, "state record after UpdateService"),
    Point("UpdateItem", "after", 5, "state record after UpdateService"),
    Point("UpdateItem", "before", 7, "release"),
    Point("UpdateItem", "after", 7, "release"),
]
DELETE_POINTS = [
    Point("UpdateItem", "before", 1, "lock take"),
    Point("UpdateItem", "after", 1, "lock take"),
    Point("UpdateItem", "before", 2, "fence before the delete"),
    Point("UpdateItem", "after", 2, "fence before the delete"),
    Point("DeleteMountTarget", "after", 1, "not recorded yet"),
    Point("UpdateItem", "after", 3, "delete recorded"),
    Point("UpdateItem", "before", 5, "release"),
    Point("UpdateItem", "after", 5, "release"),
]
POINTS = {"scale-out": SCALE_OUT_POINTS, "scale-in/drain": DRAIN_POINTS, "scale-in/delete": DELETE_POINTS}
KINDS = tuple(POINTS)


def point_label(point):
    return f"{point.phase} {point.operation} #{point.n} ({point.what})"


class Trials:
    def __init__(self, args, driver):
        self.args, self.workdir = args, driver.workdir
        self.rng = random.Random(args.seed)
        self.binary, self.simclock = driver.binary, driver.simclock
        self.users, self.clients = driver.users, driver.clients
        self.proxy = driver.proxy("crash")
        self.violations = []
        self.rows = collections.Counter()
        self.recovery = collections.Counter()
        self.kill_points = collections.Counter()  # (kind, label, killed): trials
        self.index = 0
        # Where each kind's round of its points starts: drawn per seed (apart from `rng`, so the
        # timer-or-point draws are unchanged), so that short runs with other seeds reach other
        # points than the list's first few.
        starts = random.Random(f"kill points {args.seed}")
        self.used = collections.Counter({kind: starts.randrange(len(points)) for kind, points in POINTS.items()})
        # Wall seconds of the last run that was not killed: timer kills are drawn inside it, so
        # they land inside a run rather than after it (runs take well under a second now).
        self.run_seconds = None

    def invoke(self, scenario, env, clock, label, kill=None):
        run = h.start_invoke(self.binary, self.simclock, env, clock.offset,
                             os.path.join(self.workdir, f"{scenario.name}-{label}.log"))
        timer = None
        started = time.monotonic()
        try:
            if isinstance(kill, Point):
                self.proxy.kill_rule(kill.operation, kill.phase, run.pid, skip=kill.n - 1)
            elif kill:
                timer = threading.Timer(kill[1], lambda: run.proc.kill())
                timer.start()
            run.wait()
            if not run.killed:
                self.run_seconds = time.monotonic() - started
        finally:
            run.stop()
            if timer:
                timer.cancel()
            self.proxy.clear_kill_rules()
        if not run.killed and (run.report is None or run.rc not in (0, 1)):
            self.violations.append(f"{scenario.name} {label}: no report, exit {run.rc} (see {run.log_path})")
        return run

    def check(self, scenario, when):
        snap = scenario.snapshot()
        for problem in scenario.check(snap):
            self.violations.append(f"{scenario.name} {when}: {problem}")
        return snap

    def setup(self, kind, name):
        """A fresh deployment for a trial of `kind`, up to the run that is to be killed: returns
        (scenario, environment, clock, AZs expected at the end)."""
        zones = 2 if kind.startswith("scale-in") else 1
        scenario = h.Scenario(self.clients, self.users, name, self.index % 150, self.workdir, mount_target_zones=zones)
        clock = h.SimClock()
        if kind == "scale-out":
            scenario.set_file_count(settings.SCALE_OUT_FILES)
            return scenario, scenario.environment(self.proxy.endpoint, MAX_MOUNT_TARGETS=2), clock, 2
        scenario.set_file_count(settings.SCALE_IN_FILES)
        env = scenario.environment(self.proxy.endpoint, MIN_MOUNT_TARGETS=1, SCALE_IN_STABILIZATION_SECONDS=0)
        if kind == "scale-in/delete":
            self.invoke(scenario, env, clock, "drain")  # the drain completes; the delete run is killed
            clock.advance(LEASE_GAP)
        return scenario, env, clock, 1

    def trial(self, kind, kill=None):
        """One trial: the run of `kind` is killed at `kill` (a Point), or else at the next point of
        the kind's list (60 %) or by a timer (40 %); then the recovery runs."""
        self.index += 1
        name = f"crash{self.index:03}"
        scenario, env, clock, expected = self.setup(kind, name)
        if kill is None and self.rng.random() < 0.6:
            # Call-triggered kills go round the kind's list, so every point is hit.
            points = POINTS[kind]
            kill = points[self.used[kind] % len(points)]
            self.used[kind] += 1
        if kill is None:
            # Inside a run as long as the last one (the first trials, before any was timed: 0.05-2.6 s).
            high = 2.6 if self.run_seconds is None else max(0.1, 0.9 * self.run_seconds)
            kill = ("timer", round(self.rng.uniform(0.05, high), 2))
            point = "timer"
        else:
            point = point_label(kill)
        run = self.invoke(scenario, env, clock, "killed", kill)
        self.check(scenario, f"right after the kill ({point})")
        self.kill_points[(kind, point, run.killed)] += 1
        runs_needed = None
        for k in range(1, MAX_RECOVERY_RUNS + 1):
            clock.advance(LEASE_GAP)
            after = self.invoke(scenario, env, clock, f"recovery{k}")
            snap = self.check(scenario, f"recovery run {k} after a kill at {point}")
            sig = scenario.signature(snap)
            if (after.outcome == "ok" and len(sig["mount_target_azs"]) == expected
                    and sig["mount_target_azs"] == sig["published_azs"] == sig["service_azs"]
                    and sig["pending"] is None and not sig["lease"]):
                runs_needed = k
                break
        if runs_needed is None:
            self.violations.append(f"{name} ({kind}, kill at {point}): not converged within {MAX_RECOVERY_RUNS} "
                                   f"runs: {sig}")
        self.rows[(kind, run.killed)] += 1
        self.recovery[(kind, runs_needed)] += 1

    def show_calls(self):
        """Runs each kind once through the proxy, no kill, and prints the calls it made in order."""
        for kind in KINDS:
            self.index += 1
            scenario, env, clock, _ = self.setup(kind, f"calls{self.index:03}")
            since = len(self.proxy.log())
            run = self.invoke(scenario, env, clock, "calls")
            print(f"\n{kind} (exit {run.rc}, {run.outcome}):")
            seen = collections.Counter()
            for entry in self.proxy.log(since):
                seen[entry["operation"]] += 1
                mark = "*" if entry["mutating"] else " "
                print(f"  {mark} {entry['operation']} #{seen[entry['operation']]}")

    def never_fired(self):
        """Fixed points some trial used whose kill never fired (the run finished first every time)."""
        tried = {(kind, point) for kind, point, _ in self.kill_points if point != "timer"}
        return sorted((kind, point) for kind, point in tried if not self.kill_points[(kind, point, True)])

    def report(self, elapsed):
        log = self.proxy.log()
        faults = collections.Counter(e["fault"] for e in log if e["fault"])
        rows = []
        for kind in KINDS:
            killed, finished = self.rows[(kind, True)], self.rows[(kind, False)]
            recov = ", ".join(f"{'>3' if r is None else r} run(s): {n}" for (k, r), n in sorted(
                self.recovery.items(), key=lambda x: (x[0][1] is None, x[0][1] or 0)) if k == kind)
            rows.append((kind, killed + finished, killed, finished, recov))
        print()
        print(results.table(rows, ("trial kind", "trials", "killed mid-run", "finished before the kill", "runs to converge")))
        print()
        points = []
        for kind in KINDS:  # in the order of the run
            for label in [point_label(p) for p in POINTS[kind]] + ["timer"]:
                fired, missed = self.kill_points[(kind, label, True)], self.kill_points[(kind, label, False)]
                if fired + missed:
                    never = label != "timer" and not fired
                    points.append((kind, label, fired + missed, fired, "NEVER FIRED" if never else ""))
        print(results.table(points, ("trial kind", "kill point", "trials", "killed", "note")))
        print()
        fixed = sum(len(p) for p in POINTS.values())
        used = len({(k, p) for k, p, _ in self.kill_points if p != "timer"})
        summary = [("trials", sum(self.rows.values())), ("kills by the proxy on a call", faults.get("kill_before", 0)
                    + faults.get("kill_after", 0)), ("fixed kill points used (of all)", f"{used} of {fixed}"),
                   ("fixed kill points that never fired", len(self.never_fired())),
                   ("second-create attempts refused by EFS", len(h.conflicts(log))),
                   ("invariant violations", len(self.violations)), ("wall time", f"{elapsed:.0f} s")]
        print(results.table(summary, ("crash-restart", "result")))


def main():
    ap = argparse.ArgumentParser(description="kill -9 the real binary mid-run; the next runs must converge.")
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check-points", action="store_true",
                    help="one trial per fixed kill point of every kind (no timer kills) instead of --trials")
    ap.add_argument("--show-calls", action="store_true",
                    help="print the calls of one run of each kind (no kill) and exit")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    started = time.time()
    with h.Driver("crash") as driver:
        trials = Trials(args, driver)
        if args.show_calls:
            trials.show_calls()
            sys.exit(driver.finish(trials.violations, args.keep))
        if args.check_points:
            schedule = [(kind, point) for kind in KINDS for point in POINTS[kind]]
        else:
            kinds = ["scale-out", "scale-in/drain", "scale-out", "scale-in/delete"]
            schedule = [(kinds[i % 4], None) for i in range(args.trials)]
        print(f"crash: {len(schedule)} trials{' (every fixed kill point once)' if args.check_points else ''}; "
              f"work directory {driver.workdir}", flush=True)
        for i, (kind, point) in enumerate(schedule):
            trials.trial(kind, point)
            if (i + 1) % 10 == 0:
                print(f"  trial {i + 1}/{len(schedule)}: violations {len(trials.violations)}, "
                      f"{time.time() - started:.0f} s", flush=True)
        trials.report(time.time() - started)
        # The runs make the same calls every time (no faults here), so a point that never fired
        # names a call the binary no longer makes: the lists have rotted (see --show-calls).
        for kind, point in trials.never_fired():
            trials.violations.append(f"kill point never fired ({kind}: {point}): the run finished first; "
                                     f"the points no longer match the calls (crash.py --show-calls)")
    sys.exit(driver.finish(trials.violations, args.keep))


if __name__ == "__main__":
    main()
