#!/usr/bin/env python3
"""Crash-restart: `kill -9` the real binary at random points of a scale-out or a scale-in.

Each trial seeds a fresh deployment in moto and runs `efs-autoscaler invoke` through a proxy:
  * scale-out: 1 mount target, 150 files (threshold 100), MAX_MOUNT_TARGETS=2;
  * scale-in: 2 mount targets, 20 files (scale-in threshold 50), MIN_MOUNT_TARGETS=1, no
    stabilization window; the kill hits either the drain run or the delete run.
The kill comes either (60 %) from the proxy when it sees the N-th call of an operation, going
round a list of points per kind of run (before
forwarding it: the call never happens; or after moto performed it: the process dies before
reading the answer, e.g. right after CreateMountTarget succeeded) or from a timer at a random
moment of the run.

Right after the kill and after every later run, moto is read directly and the safety invariant
(published = available only; service subnets in served AZs), one mount target per AZ and the
state document's integrity are checked. Recovery runs start at simulated times past the dead
run's lease (deadline + 30 s), like the next scheduled invocation; the deployment must reach the
expected end state (2 resp. 1 AZs, all published and in the service, nothing pending, no lease)
within 3 runs.

Usage: crash.py [--trials 50] [--seed 1] [--keep]     Exits 1 on any violation.
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

# (operation, phase, how many such calls to let through first): points inside each kind of run.
SCALE_OUT_POINTS = [("GetParameter", "before", 2), ("PutParameter", "after", 0), ("PutParameter", "before", 1),
                    ("CreateMountTarget", "before", 0), ("CreateMountTarget", "after", 0),
                    ("PutParameter", "after", 1), ("DescribeMountTargets", "after", 1),
                    ("PutParameter", "before", 2), ("PutParameter", "after", 2), ("UpdateService", "before", 0),
                    ("UpdateService", "after", 0), ("PutParameter", "after", 3)]
DRAIN_POINTS = [("PutParameter", "after", 0), ("PutParameter", "after", 1), ("PutParameter", "before", 2),
                ("PutParameter", "after", 2), ("UpdateService", "before", 0), ("UpdateService", "after", 0),
                ("PutParameter", "after", 3)]
DELETE_POINTS = [("PutParameter", "after", 1), ("DeleteMountTarget", "before", 0),
                 ("DeleteMountTarget", "after", 0), ("PutParameter", "after", 2), ("DescribeServices", "after", 0)]


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
        self.kill_points = collections.Counter()
        self.index = 0
        self.used = collections.Counter()

    def invoke(self, scenario, env, clock, label, kill=None):
        run = h.start_invoke(self.binary, self.simclock, env, clock.offset,
                             os.path.join(self.workdir, f"{scenario.name}-{label}.log"))
        timer = None
        try:
            if kill and kill[0] == "timer":
                timer = threading.Timer(kill[1], lambda: run.proc.kill())
                timer.start()
            elif kill:
                operation, phase, skip = kill
                self.proxy.kill_rule(operation, phase, run.pid, skip=skip)
            run.wait()
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

    def trial(self, kind):
        self.index += 1
        name = f"crash{self.index:03}"
        zones = 2 if kind.startswith("scale-in") else 1
        scenario = h.Scenario(self.clients, self.users, name, self.index % 150, self.workdir, mount_target_zones=zones)
        clock = h.SimClock()
        if kind == "scale-out":
            scenario.set_file_count(settings.SCALE_OUT_FILES)
            env = scenario.environment(self.proxy.endpoint, MAX_MOUNT_TARGETS=2)
            expected, points = 2, SCALE_OUT_POINTS
        else:
            scenario.set_file_count(settings.SCALE_IN_FILES)
            env = scenario.environment(self.proxy.endpoint, MIN_MOUNT_TARGETS=1, SCALE_IN_STABILIZATION_SECONDS=0)
            expected, points = 1, DRAIN_POINTS if kind == "scale-in/drain" else DELETE_POINTS
            if kind == "scale-in/delete":
                self.invoke(scenario, env, clock, "drain")  # the drain completes; the delete run is killed
                clock.advance(LEASE_GAP)
        if self.rng.random() < 0.6:
            # Call-triggered kills go round the kind's list, so every point is hit.
            kill = points[self.used[kind] % len(points)]
            self.used[kind] += 1
            point = f"{kill[1]} {kill[0]} #{kill[2] + 1}"
        else:
            kill = ("timer", round(self.rng.uniform(0.05, 2.6), 2))
            point = "timer"
        run = self.invoke(scenario, env, clock, "killed", kill)
        self.check(scenario, f"right after the kill ({point})")
        self.kill_points[(kind, point if run.killed else f"{point} (finished first)")] += 1
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

    def report(self, elapsed):
        log = self.proxy.log()
        faults = collections.Counter(e["fault"] for e in log if e["fault"])
        kinds = ("scale-out", "scale-in/drain", "scale-in/delete")
        rows = []
        for kind in kinds:
            killed, finished = self.rows[(kind, True)], self.rows[(kind, False)]
            recov = ", ".join(f"{'>3' if r is None else r} run(s): {n}" for (k, r), n in sorted(
                self.recovery.items(), key=lambda x: (x[0][1] is None, x[0][1] or 0)) if k == kind)
            rows.append((kind, killed + finished, killed, finished, recov))
        print()
        print(results.table(rows, ("trial kind", "trials", "killed mid-run", "finished before the timer", "runs to converge")))
        print()
        points = [(k, p, n) for (k, p), n in sorted(self.kill_points.items())]
        print(results.table(points, ("trial kind", "kill point", "trials")))
        print()
        summary = [("trials", sum(self.rows.values())), ("kills by the proxy on a call", faults.get("kill_before", 0)
                    + faults.get("kill_after", 0)), ("second-create attempts refused by EFS", len(h.conflicts(log))),
                   ("invariant violations", len(self.violations)), ("wall time", f"{elapsed:.0f} s")]
        print(results.table(summary, ("crash-restart", "result")))


def main():
    ap = argparse.ArgumentParser(description="kill -9 the real binary mid-run; the next runs must converge.")
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    started = time.time()
    with h.Driver("crash") as driver:
        trials = Trials(args, driver)
        print(f"crash: {args.trials} trials; work directory {driver.workdir}", flush=True)
        kinds = ["scale-out", "scale-in/drain", "scale-out", "scale-in/delete"]
        for i in range(args.trials):
            trials.trial(kinds[i % 4])
            if (i + 1) % 10 == 0:
                print(f"  trial {i + 1}/{args.trials}: violations {len(trials.violations)}, "
                      f"{time.time() - started:.0f} s", flush=True)
        trials.report(time.time() - started)
    sys.exit(driver.finish(trials.violations, args.keep))


if __name__ == "__main__":
    main()
