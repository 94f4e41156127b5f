#!/usr/bin/env python3
"""Concurrent runs: two real `efs-autoscaler invoke`s against one deployment at (nearly) once.

What it models: a scheduled Lambda overlapping the worker, or Lambda's async retry of a run
that is still going. Each trial seeds a fresh deployment, starts run A, then run B after a
0 s, 0-0.1 s (inside the race window, before A's lock take lands) or 0.1-2.2 s (while A
holds the lock), both at the same
simulated time. Half the trials are scale-outs (1 mount target, 150 files), half scale-ins
(2 mount targets, 20 files, no stabilization window).

Checked per trial, from the proxy log (what moto really performed) and from moto directly:
  * at most one scale action between the two runs (cooldown 300 s): at most one
    CreateMountTarget performed, at most one drain started, never two mount targets in an AZ;
  * every second-create attempt EFS refused is counted (the last guard, should stay 0);
  * the lock item, polled every 50 ms during the race: its state document always parses, its
    `record_version` never goes back, and it never disappears;
  * the safety invariant after the pair, and after each follow-up run (faults off); the
    deployment must converge (nothing pending, no lease, all AZs published) within 3.
Reports how often both runs acted, one was skipped because of the lease, or one lost it.

Usage: concurrent_runs.py [--trials 40] [--seed 1] [--rate 0] [--keep]   Exits 1 on any violation.
"""
import argparse
import collections
import json
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fault_proxy  # noqa: E402
import harness as h  # noqa: E402
import results  # noqa: E402
import settings  # noqa: E402


class StatePoller(threading.Thread):
    """Reads the state from moto every 50 ms; records every problem it sees. Use with `with`:
    it polls for the block and is stopped however the block is left."""

    def __init__(self, scenario, dynamodb):
        super().__init__(daemon=True)
        self.scenario = scenario
        self.dynamodb = dynamodb
        self.stop = threading.Event()
        self.problems, self.versions, self.last, self.seen = [], set(), 0, False

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.join()

    def run(self):
        while not self.stop.is_set():
            p = self.scenario.lock_item(self.dynamodb)
            if p is None and self.seen:
                self.problems.append("state document disappeared during the race")
            if p:
                self.seen = True
                self.versions.add(p["Version"])
                if p["Version"] < self.last:
                    self.problems.append(f"state version went back from {self.last} to {p['Version']}")
                self.last = max(self.last, p["Version"])
                try:
                    doc = json.loads(p["Value"])
                    if doc.get("version") != 1:
                        self.problems.append(f"state document version field {doc.get('version')!r}")
                except ValueError as error:
                    self.problems.append(f"state document does not parse: {error}")
            self.stop.wait(0.05)


def main():
    ap = argparse.ArgumentParser(description="Two overlapping runs of the real binary; the lease must hold.")
    ap.add_argument("--trials", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.0, help="share of calls faulted during the race")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    started = time.time()
    with h.Driver("concurrent") as driver:
        violations = pairs(args, driver, started)
    sys.exit(driver.finish(violations, args.keep))


def pairs(args, d, started):
    """Runs every pair and its follow-up runs, prints the tables; returns the violations."""
    rng = random.Random(args.seed)
    workdir, binary, simclock, users, clients = d.workdir, d.binary, d.simclock, d.users, d.clients
    proxy = d.proxy("concurrent", rate=args.rate, seed=args.seed,
                    weights={kind: 0 if kind == "delay" else 1 for kind in fault_proxy.FAULT_KINDS})
    print(f"concurrent: {args.trials} pairs; work directory {workdir}", flush=True)

    violations = []
    outcomes = collections.Counter()
    per_kind = collections.Counter()
    gaps = collections.defaultdict(list)
    total_conflicts = 0
    for trial in range(args.trials):
        kind = "scale-out" if trial % 2 == 0 else "scale-in"
        name = f"pair{trial:03}"
        scenario = h.Scenario(clients, users, name, trial % 150, workdir,
                              mount_target_zones=1 if kind == "scale-out" else 2)
        if kind == "scale-out":
            scenario.set_file_count(settings.SCALE_OUT_FILES)
            env = scenario.environment(proxy.endpoint)
        else:
            scenario.set_file_count(settings.SCALE_IN_FILES)
            env = scenario.environment(proxy.endpoint, MIN_MOUNT_TARGETS=1, SCALE_IN_STABILIZATION_SECONDS=0)
        # A deployment that has run before has a lock item: then the lock is taken by an
        # UpdateItem conditional on its record version. Every fifth pair starts without one: the
        # first write is then conditional on the item having no version yet.
        first_ever = trial % 5 == 4
        if not first_ever:
            scenario.seed_lock_item(clients.dynamodb, scenario.file_system,
                                    {"version": 1, "owned_mount_targets": scenario.seeded_owned})
        clock = h.SimClock()
        clock.advance(1000)
        seq = proxy.size()
        # A quarter at once, a quarter within 0.1 s (before A's lease write lands), half later.
        gap = round((0.0, rng.uniform(0, 0.1), rng.uniform(0.1, 2.2), rng.uniform(0.1, 2.2))[trial % 4], 3)
        with StatePoller(scenario, d.admin_clients().dynamodb) as poller, \
                h.start_invoke(binary, simclock, env, clock.offset, os.path.join(workdir, f"{name}-a.log")) as a:
            time.sleep(gap)
            with h.start_invoke(binary, simclock, env, clock.offset, os.path.join(workdir, f"{name}-b.log")) as b:
                a.wait()
                b.wait()
        for run, label in ((a, "A"), (b, "B")):
            if run.report is None or run.rc not in (0, 1):
                violations.append(f"{name} run {label}: no report, exit {run.rc} (see {run.log_path})")
        violations += [f"{name}: {p}" for p in poller.problems]
        log = proxy.log(seq)
        creates = h.performed(log, "CreateMountTarget")
        drains = {(e["detail"]["pending"]["availability_zone"], e["detail"]["pending"]["started_at"][:19])
                  for e in h.state_writes(log, scenario)
                  if ((e["detail"].get("pending") or {}).get("kind") == "scale_in_drain")}
        conflict = h.conflicts(log)
        total_conflicts += len(conflict)
        if len(creates) > 1:
            violations.append(f"{name}: {len(creates)} mount targets created by two overlapping runs: "
                              f"{[c.get('detail') for c in creates]}")
        if len(drains) > 1:
            violations.append(f"{name}: {len(drains)} drains started by two overlapping runs: {sorted(drains)}")
        if conflict:
            violations.append(f"{name}: both runs reached CreateMountTarget (EFS refused the second)")
        for problem in scenario.check(scenario.snapshot()):
            violations.append(f"{name} after the pair: {problem}")
        pair = tuple(sorted((a.outcome, b.outcome)))
        label = {("ok", "skipped"): "one skipped (lease held)", ("lease-lost", "ok"): "one lost the lease",
                 ("ok", "ok"): "both ran to the end"}.get(pair, f"{pair[0]} + {pair[1]}")
        owners = {(e.get("detail") or {}).get("lease_owner") for e in h.state_writes(log, scenario)} - {None}
        if len(owners) > 1 and label.startswith("one skipped"):
            label = "both wrote a lease; one stood down after the read-back"
        if b.real_start >= a.real_end:
            label += " (no overlap: A had finished)"
        if first_ever:
            label += " [no state document yet]"
        outcomes[(kind, label)] += 1
        per_kind[kind] += 1
        gaps[(kind, label)].append(gap)
        # The next scheduled runs (past any lease, faults off) finish whatever the pair left
        # (a drain whose redeploy answer was lost needs one more run) within 3 runs.
        if args.rate:
            proxy.configure(rate=0)
        for k in range(1, 4):
            clock.advance(settings.LEASE_GAP_SECONDS)
            follow = h.start_invoke(binary, simclock, env, clock.offset,
                                    os.path.join(workdir, f"{name}-next{k}.log")).wait()
            snap = scenario.snapshot()
            violations += [f"{name} after follow-up run {k}: {p}" for p in scenario.check(snap)]
            sig = scenario.signature(snap)
            if follow.outcome == "ok" and sig["mount_target_azs"] == sig["published_azs"] == sig["service_azs"] \
                    and not sig["lease"] and sig["pending"] is None:
                break
        else:
            violations.append(f"{name}: not converged 3 runs after the pair: last run {follow.outcome}, state {sig}")
        if args.rate:
            proxy.configure(rate=args.rate)
        if (trial + 1) % 10 == 0:
            print(f"  pair {trial + 1}/{args.trials}: violations {len(violations)}, {time.time() - started:.0f} s",
                  flush=True)

    rows = [(kind, label, n, f"{min(gaps[(kind, label)]):.3f}-{max(gaps[(kind, label)]):.3f} s")
            for (kind, label), n in sorted(outcomes.items())]
    print()
    print(results.table(rows, ("trial kind", "outcome of the pair", "pairs", "B started after A by (range)")))
    print()
    print(results.table([("pairs", args.trials), ("share of calls faulted", f"{args.rate:.0%}"),
                         ("mount targets created twice for one AZ",
                          0 if not any("created by two" in v for v in violations) else "see violations"),
                         ("second-create attempts refused by EFS", total_conflicts),
                         ("invariant violations", len(violations)), ("wall time", f"{time.time() - started:.0f} s")],
                        ("concurrent runs", "result")))
    return violations


if __name__ == "__main__":
    main()
