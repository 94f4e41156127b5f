#!/usr/bin/env python3
"""Soak: hundreds of real `efs-autoscaler invoke` runs through the fault proxy, checked after each.

Two independent deployments live in one moto: `soak`, whose calls go through a proxy that faults
a share of them (default 20 %), and `twin`, the fault-free reference, whose proxy only logs.
Both follow the same scripted file-count trajectory (rise, plateau, fall, low plateau,
oscillation around the scale-out threshold and around the scale-in threshold, rise again) at
the same simulated times, one run each per scheduler tick (by default a tick is 60 simulated
seconds; cooldown 300 s, stabilization 600 s, drain timeout 900 s: reliability/settings.py).

After every run, moto is read directly (botocore, not through a proxy) and these are checked
for both deployments:
  * the safety invariant: the published list holds only `available` mount targets, and the
    ECS service's subnets lie in AZs that have an `available` one;
  * never two mount targets in one AZ;
  * the state document always parses, is version 1, under 4 KB, and its SSM version only grows;
  * the binary never crashes (every run prints a report).
At the end, from the proxy logs (the calls moto really performed):
  * at most one scale action per cooldown window (scale-out = a CreateMountTarget moto
    performed; scale-in = a new drain recorded in the state document).
At checkpoints (after the high plateau, after the low plateau, at the end) faults stop and
both deployments run on with simulated time fast-forwarded past every window; the faulted one
must reach the twin's state (same AZs with mount targets, published, in the service, nothing
pending) within 3 runs.

Prints a summary table; exits 1 on any violation.
Usage: soak.py [--runs 300] [--rate 0.2] [--seed 1] [--delay-weight 0.05] [--keep]
"""
import argparse
import collections
import concurrent.futures
import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fault_proxy  # noqa: E402
import harness as h  # noqa: E402
import results  # noqa: E402
import settings  # noqa: E402

# The binary's cooldown: given to it (settings), so the window checked here is the one it keeps.
COOLDOWN = settings.SCALE_OUT_COOLDOWN_SECONDS
# Past every window the binary keeps: cooldown, stabilization, drain timeout.
FAST_FORWARD = 1 + max(COOLDOWN, settings.DRIVER_POLICY["SCALE_IN_STABILIZATION_SECONDS"],
                       settings.DRIVER_POLICY["DRAIN_TIMEOUT_SECONDS"])
MAX_CONVERGE_RUNS = 3


def trajectory(runs):
    """File counts per run and the indices after which a convergence checkpoint runs."""
    def n(fraction):
        return max(2, round(runs * fraction))
    counts, checkpoints = [], []
    rise = n(0.12)
    counts += [20 + round(140 * (i + 1) / rise) for i in range(rise)]          # rise to 160
    counts += [160] * n(0.13)                                                  # high plateau
    checkpoints.append(len(counts) - 1)
    fall = n(0.12)
    counts += [160 - round(140 * (i + 1) / fall) for i in range(fall)]        # fall to 20
    counts += [20] * n(0.18)                                                   # low plateau
    checkpoints.append(len(counts) - 1)
    wobble = [settings.FILE_COUNT_THRESHOLD + d for d in (-8, 8, -3, 15, -12, 3, -1, 21, -5, 1)]
    counts += [wobble[i % len(wobble)] for i in range(n(0.2))]                 # around the threshold
    low_wobble = [settings.SCALE_IN_THRESHOLD + d for d in (-4, 5, -9, 2, -1, 8, -6, 0)]
    counts += [low_wobble[i % len(low_wobble)] for i in range(n(0.12))]       # around the scale-in one
    remaining = max(2, runs - len(counts))
    counts += [60 + round(100 * (i + 1) / remaining) for i in range(remaining)]  # rise again
    checkpoints.append(len(counts) - 1)
    return counts, checkpoints


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def scale_events(entries, run_offsets, state_parameter):
    """(simulated time, kind, detail) of every scale action moto performed, from a proxy log."""
    events, drains = [], set()
    for e in entries:
        offset = run_offsets.get(e["seq"])
        if offset is None:
            continue
        if e["operation"] == "CreateMountTarget" and e["forwarded"] and e["upstream_status"] == 200:
            events.append((e["t"] + offset, "scale-out", e.get("detail", {}).get("availability_zone")))
        detail = e.get("detail") or {}
        pending = detail.get("pending")
        if (e["operation"] == "UpdateItem" and e["forwarded"] and e["upstream_status"] == 200
                and detail.get("name") == state_parameter and pending and pending.get("kind") == "scale_in_drain"):
            # Rewriting a document can move started_at by a millisecond (its encoder truncates),
            # so one drain is one AZ and start time to the second.
            key = (pending["availability_zone"], round(parse_time(pending["started_at"])))
            if key not in drains:
                drains.add(key)
                events.append((parse_time(pending["started_at"]), "scale-in", pending["availability_zone"]))
    return sorted(events)


def cooldown_violations(events, name):
    out = []
    for (t1, k1, az1), (t2, k2, az2) in zip(events, events[1:]):
        if t2 - t1 < COOLDOWN - 2:
            out.append(f"{name}: {k2} in {az2} {t2 - t1:.0f} s after {k1} in {az1} (cooldown {COOLDOWN} s)")
    return out


class Lane:
    """One deployment, its proxy and its runs."""

    def __init__(self, name, scenario, proxy, binary, simclock, workdir):
        self.name, self.scenario, self.proxy = name, scenario, proxy
        self.binary, self.simclock, self.workdir = binary, simclock, workdir
        self.outcomes = collections.Counter()
        self.violations = []
        self.run_offsets = {}  # proxy log seq -> the simulated-time offset of the run that made it
        self.seq = 0
        self.runs = 0

    def run(self, index, offset, count):
        self.scenario.set_file_count(count)
        run = h.start_invoke(self.binary, self.simclock, self.scenario.environment(self.proxy.endpoint), offset,
                             os.path.join(self.workdir, f"{self.name}-{index:04}.log")).wait()
        self.runs += 1
        self.outcomes[run.outcome] += 1
        if run.report is None or run.rc not in (0, 1):
            self.violations.append(f"{self.name} run {index}: no report, exit {run.rc} (see {run.log_path})")
        for entry in self.proxy.log(self.seq):
            self.run_offsets[entry["seq"]] = offset
            self.seq = entry["seq"] + 1
        snap = self.scenario.snapshot()
        for problem in self.scenario.check(snap):
            self.violations.append(f"{self.name} run {index} (count {count}): {problem}")
        return run, snap


def main():
    ap = argparse.ArgumentParser(description="Soak the real binary through the fault proxy.")
    ap.add_argument("--runs", type=int, default=300, help="faulted runs on the trajectory (default 300)")
    ap.add_argument("--rate", type=float, default=0.2, help="share of calls faulted (default 0.2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delay-weight", type=float, default=0.05,
                    help=f"weight of the {settings.DELAY_FAULT_SECONDS} s delay fault against 1-3 for the others "
                         f"(each costs {settings.DELAY_FAULT_SECONDS} s)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (logs) on success")
    args = ap.parse_args()

    started = time.time()
    with h.Driver("soak") as driver:
        violations = soak(args, driver, started)
    sys.exit(driver.finish(violations, args.keep))


def soak(args, d, started):
    """Runs both lanes along the trajectory, prints the table; returns the violations."""
    weights = {"throttle": 3, "throttle429": 2, "http500": 2, "http503": 2, "reset_before": 2, "reset_after": 2,
               "delay": args.delay_weight}
    faulted = Lane("soak", h.Scenario(d.clients, d.users, "soak", 0, d.workdir),
                   d.proxy("soak", rate=args.rate, weights=weights, seed=args.seed), d.binary, d.simclock, d.workdir)
    twin = Lane("twin", h.Scenario(d.clients, d.users, "twin", 1, d.workdir), d.proxy("twin"),
                d.binary, d.simclock, d.workdir)
    lanes = (faulted, twin)

    counts, checkpoints = trajectory(args.runs)
    step = 60 * 300 / len(counts)  # the same simulated span (5 h) whatever the number of runs
    clock = h.SimClock()
    converge = []
    print(f"soak: {len(counts)} runs per deployment, {args.rate:.0%} of calls faulted, a tick every {step:.0f} "
          f"simulated s; work directory {d.workdir}", flush=True)
    index = 0

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        def tick(count, advance):
            nonlocal index
            clock.advance(advance)
            offset = clock.offset
            futures = [pool.submit(lane.run, index, offset, count) for lane in lanes]
            done = [f.result() for f in futures]
            index += 1
            return done

        for i, count in enumerate(counts):
            tick(count, step)
            if (i + 1) % 25 == 0:
                print(f"  run {i + 1}/{len(counts)}: count {count}, {sum(l.outcomes['ok'] for l in lanes)} ok, "
                      f"violations {len(faulted.violations) + len(twin.violations)}, {time.time() - started:.0f} s",
                      flush=True)
            if i in checkpoints:
                faulted.proxy.configure(rate=0)
                runs_needed = None
                for k in range(1, MAX_CONVERGE_RUNS + 1):
                    (_, snap_f), (_, snap_t) = tick(count, FAST_FORWARD)
                    if faulted.scenario.signature(snap_f, without_adopted=True) == twin.scenario.signature(snap_t):
                        runs_needed = k
                        break
                if runs_needed is None:
                    faulted.violations.append(
                        f"checkpoint after run {i + 1} (count {count}): not converged to the fault-free twin within "
                        f"{MAX_CONVERGE_RUNS} runs: {faulted.scenario.signature(snap_f)} vs "
                        f"{twin.scenario.signature(snap_t)}")
                converge.append((i + 1, count, runs_needed, twin.scenario.signature(snap_t)["mount_target_azs"]))
                faulted.proxy.configure(rate=args.rate)

    log_f, log_t = faulted.proxy.log(), twin.proxy.log()
    events_f = scale_events(log_f, faulted.run_offsets, faulted.scenario.lock_name)
    events_t = scale_events(log_t, twin.run_offsets, twin.scenario.lock_name)
    faulted.violations += cooldown_violations(events_f, "soak")
    twin.violations += cooldown_violations(events_t, "twin")
    conflicts = len(h.conflicts(log_f)) + len(h.conflicts(log_t))

    faults = collections.Counter(e["fault"] for e in log_f if e["fault"])
    mutating_f = collections.Counter(e["operation"] for e in log_f if e["mutating"] and e["forwarded"]
                                     and e["upstream_status"] and e["upstream_status"] < 300)
    violations = faulted.violations + twin.violations
    elapsed = time.time() - started

    rows = [
        ("runs (faulted / twin)", f"{faulted.runs} / {twin.runs}"),
        ("run outcomes, faulted", ", ".join(f"{k} {v}" for k, v in sorted(faulted.outcomes.items()))),
        ("run outcomes, twin", ", ".join(f"{k} {v}" for k, v in sorted(twin.outcomes.items()))),
        ("AWS calls through the faulted proxy", len(log_f)),
        ("faults injected", f"{sum(faults.values())} ({sum(faults.values()) / max(1, len(log_f)):.1%} of calls)"),
        *[(f"  {kind}", faults.get(kind, 0)) for kind in fault_proxy.FAULT_KINDS],
        ("scale actions, faulted (out / in)", f"{sum(1 for e in events_f if e[1] == 'scale-out')} / "
                                              f"{sum(1 for e in events_f if e[1] == 'scale-in')}"),
        ("scale actions, twin (out / in)", f"{sum(1 for e in events_t if e[1] == 'scale-out')} / "
                                           f"{sum(1 for e in events_t if e[1] == 'scale-in')}"),
        ("mutating calls moto performed, faulted", ", ".join(f"{k} {v}" for k, v in sorted(mutating_f.items()))),
        ("second-create attempts refused by EFS", conflicts),
        ("runs to converge after faults stop", ", ".join(
            f"{'>' + str(MAX_CONVERGE_RUNS) if r is None else r} (after run {i}, {len(azs)} AZs)"
            for i, _, r, azs in converge)),
        ("invariant violations", len(violations)),
        ("wall time", f"{elapsed:.0f} s"),
    ]
    print()
    print(results.table(rows, ("soak", "result")))
    return violations


if __name__ == "__main__":
    main()
