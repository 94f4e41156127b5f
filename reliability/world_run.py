#!/usr/bin/env python3
"""Runs the hostile-AWS world's scenarios against the real binary (reliability/world/README.md).

    world_run.py [--scenario NAME ...] [--seeds 1,2] [--period 60] [--jobs 3] [--json FILE]
                 [--expected reliability/world/expected_violations.json]

Each scenario runs in its own process with its own moto and world, on simulated time. Prints one
line per scenario and a summary; with --json writes every result. Exit status: 1 when a scenario
not listed in the expectations file saw a violation or did not reach its expected end state (or
any scenario failed to run), else 0. A listed scenario that no longer violates gets a notice to
un-list it.
"""
import argparse
import concurrent.futures
import json
import multiprocessing.util
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness as h  # noqa: E402
import settings  # noqa: E402
from world import report, runner, scenarios  # noqa: E402
from world.expectations import Expectations  # noqa: E402


_MOTO = {}


def worker_moto(workdir):
    """One moto per pool process, reset by each sandbox: starting moto costs seconds, a reset does not.
    It is stopped when the pool process ends: a pool process skips atexit, so through
    multiprocessing's own exit hook; should that process be killed, moto_runner.py --parent-pid
    sees it gone and exits."""
    if "moto" not in _MOTO:
        path = os.path.join(workdir, f"moto-{os.getpid()}")
        os.makedirs(path, exist_ok=True)
        _MOTO["moto"] = h.Moto(path)
        multiprocessing.util.Finalize(None, _MOTO["moto"].stop, exitpriority=0)
    return _MOTO["moto"]


def one(args):
    name, seed, period, binary, so, workdir, rate, long = args
    try:
        return runner.run_scenario(name, seed, binary, so, os.path.join(workdir, f"{name}-{seed}-{period or 'd'}"),
                                   period=period, rate=rate, long=long, moto=worker_moto(workdir))
    except Exception as error:  # reported, never hidden
        return {"scenario": name, "seed": seed, "period": period, "crashed": repr(error), "violations": [],
                "violation_kinds": {}, "converged": False, "end_state_problems": [f"crashed: {error!r}"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", action="append", help="a scenario name (repeatable; default: all)")
    ap.add_argument("--seeds", default="1", help="comma-separated seeds")
    ap.add_argument("--period", action="append", type=float,
                    help="schedule period in simulated seconds (repeatable; default: each scenario's own)")
    ap.add_argument("--jobs", type=int, default=3)
    ap.add_argument("--rate", type=float, default=settings.WORLD_RATE,
                    help="simulated seconds per real second while a binary runs (10 for a binary that still sleeps 2 s "
                         "to settle its lease: at 30 that sleep outlasts its count deadline)")
    ap.add_argument("--long", action="store_true", help="the long form of each scenario (more runs, slower creates)")
    ap.add_argument("--json", help="write every result here")
    ap.add_argument("--markdown", help="write RELIABILITY.md's tables for these results here")
    ap.add_argument("--expected", default=os.path.join(HERE, "world", "expected_violations.json"))
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = ap.parse_args()
    if args.list:
        for cls in scenarios.ALL:
            print(f"{cls.name:34} {cls.about}")
        return 0
    names = args.scenario or [cls.name for cls in scenarios.ALL]
    unknown = [n for n in names if n not in scenarios.BY_NAME]
    if unknown:
        print(f"world: unknown scenario(s) {unknown}; see --list", file=sys.stderr)
        return 2
    expectations = Expectations.load(args.expected)
    binary = h.binary_path()
    if not os.access(binary, os.X_OK):
        print(f"world: no executable binary at {binary}", file=sys.stderr)
        return 2
    workdir = tempfile.mkdtemp(prefix="world-")
    so = h.simclock_library(os.path.join(workdir, "build"))
    names = sorted(names, key=lambda n: -scenarios.BY_NAME[n].cost)   # the costliest first: a shorter tail
    jobs = [(n, int(s), p, binary, so, workdir, args.rate, args.long) for n in names for s in args.seeds.split(",")
            for p in (args.period or [None])]
    started = time.time()
    results = [None] * len(jobs)
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(one, job): i for i, job in enumerate(jobs)}
        for future in concurrent.futures.as_completed(futures):
            results[futures[future]] = result = future.result()
            print(expectations.line(result), flush=True)
    verdict = expectations.judge(results)
    summary = {"wall_seconds": round(time.time() - started, 1), "workdir": workdir, **verdict}
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": summary, "results": results}, f, indent=1, default=str)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(report.markdown(results, summary))
    for notice in verdict["notices"]:
        print(f"world: NOTICE: {notice}")
    for failure in verdict["failures"]:
        print(f"world: FAIL: {failure}", file=sys.stderr)
    print(f"world: {len(results)} scenario run(s) in {summary['wall_seconds']} s; "
          f"{len(verdict['failures'])} unexpected, {len(verdict['known'])} known violating; logs in {workdir}")
    return 1 if verdict["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
