#!/usr/bin/env python3
"""Count-cache driver: `efs-autoscaler invoke` against a big tree, walking vs reusing a count the
counting worker stored, on the same seeded moto emulator, alternating round by round.

Every round:
  walk    `invoke` with COUNT_CACHE_TTL_SECONDS=0: the run walks the tree itself
  worker  `worker --count-only --interval I` until the lock item's `last_count` (read with
          botocore, strongly consistent) is newer than anything before, then SIGTERM (its exit
          code and the stored count are checked)
  cached  `invoke` with COUNT_CACHE_TTL_SECONDS=TTL: the run should reuse the worker's count
Per invoke: wall time from spawn to exit and the report's `duration_ms`, `count_source`,
`count_age_seconds`, `file_count`; a cached run is checked to carry the worker's
`measured_at`. Before the rounds one unmeasured walking `invoke` repairs the seeded service
(it runs in AZs without a mount target), so every measured run finds nothing to do.
Prints one JSON object: the raw rounds and their medians.
Usage: measure.py --endpoint URL --binary PATH --tree DIR --files N [--rounds 3] [--ttl 300]
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time

import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "coldstart"))
from scenario import REGION, environment, seed  # noqa: E402  (bench/coldstart/scenario.py)

# Far above the tree: the runs only count and decide that nothing is to be done.
THRESHOLD = 100_000_000


def invoke(binary, env, log):
    t0 = time.monotonic()
    done = subprocess.run([binary, "invoke"], env=env, stdout=subprocess.PIPE, stderr=log,
                          stdin=subprocess.DEVNULL, timeout=600)
    wall = (time.monotonic() - t0) * 1e3
    report = json.loads(done.stdout)
    if done.returncode != 0 or report.get("error"):
        raise RuntimeError(f"invoke failed ({done.returncode}): {done.stdout[:600]!r}")
    return {"wall_ms": wall, "duration_ms": report["duration_ms"], "count_source": report.get("count_source"),
            "count_age_seconds": report.get("count_age_seconds"), "file_count": report.get("file_count"),
            "count": report.get("count"), "actions": [a["action"] for a in report.get("actions", [])]}


def stored_count(dynamodb, table, file_system_id):
    item = dynamodb.get_item(TableName=table, Key={"file_system_id": {"S": file_system_id}},
                             ConsistentRead=True).get("Item", {})
    raw = item.get("last_count", {}).get("S")
    return json.loads(raw) if raw else None


def count_with_worker(binary, env, log, dynamodb, scenario, interval, previous):
    """Runs the counting worker until it stored a count other than `previous`; returns the
    stored count, how long that took from spawn, and the worker's exit code after SIGTERM."""
    t0 = time.monotonic()
    proc = subprocess.Popen([binary, "worker", "--count-only", "--interval", interval], env=env,
                            stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    try:
        while True:
            count = stored_count(dynamodb, scenario["lockTableName"], scenario["fileSystemId"])
            if count and count != previous:
                break
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited with {proc.returncode}")
            if time.monotonic() - t0 > 300:
                raise RuntimeError("worker stored no count within 300 s")
            time.sleep(0.1)
        stored_after = (time.monotonic() - t0) * 1e3
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if code != 0:
        raise RuntimeError(f"worker exited with {code} after SIGTERM")
    return count, stored_after, code


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--tree", required=True)
    ap.add_argument("--files", type=int, required=True, help="how many files the tree holds (checked)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ttl", type=int, default=300)
    ap.add_argument("--interval", default="2s", help="the counting worker's --interval")
    ap.add_argument("--log", default="/dev/null")
    args = ap.parse_args()

    scenario = seed(args.endpoint)
    dynamodb = botocore.session.get_session().create_client(
        "dynamodb", region_name=REGION, endpoint_url=args.endpoint,
        aws_access_key_id=scenario["accessKeyId"], aws_secret_access_key=scenario["secretAccessKey"])
    walking, caching = (environment(scenario, args.endpoint, args.tree, THRESHOLD, ttl=ttl) for ttl in (0, args.ttl))
    rounds = []
    with open(args.log, "ab") as log:
        invoke(args.binary, walking, log)  # the unmeasured repair run
        previous = stored_count(dynamodb, scenario["lockTableName"], scenario["fileSystemId"])
        for _ in range(args.rounds):
            walked = invoke(args.binary, walking, log)
            count, stored_ms, code = count_with_worker(args.binary, walking, log, dynamodb, scenario,
                                                       args.interval, previous)
            previous = count
            cached = invoke(args.binary, caching, log)
            for run, source in ((walked, "walked"), (cached, "cached")):
                if run["count_source"] != source or run["file_count"] != args.files:
                    raise RuntimeError(f"expected a {source} count of {args.files}: {json.dumps(run)[:600]}")
            if cached["count"]["measured_at"] != count["measured_at"]:
                raise RuntimeError(f"the cached run did not use the worker's count {count}: {cached['count']}")
            rounds.append({"walked": walked, "worker": {"stored": count, "stored_after_ms": stored_ms,
                                                        "exit_code": code}, "cached": cached})

    summary = {}
    for kind in ("walked", "cached"):
        runs = [r[kind] for r in rounds]
        summary[kind] = {"runs": len(runs), "count_source": sorted({r["count_source"] for r in runs}),
                         "file_count": runs[-1]["file_count"],
                         "duration_ms": statistics.median(r["duration_ms"] for r in runs),
                         "wall_ms": statistics.median(r["wall_ms"] for r in runs),
                         "count_duration_ms": statistics.median(r["count"].get("duration_ms") or 0 for r in runs),
                         "count_age_seconds": statistics.median(r["count_age_seconds"] for r in runs),
                         "actions": runs[-1]["actions"]}
    summary["worker"] = {"stored_after_ms": statistics.median(r["worker"]["stored_after_ms"] for r in rounds),
                         "count_duration_ms": statistics.median(r["worker"]["stored"].get("duration_ms") or 0 for r in rounds)}
    json.dump({"summary": summary, "rounds": rounds}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
