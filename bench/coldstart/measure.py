#!/usr/bin/env python3
"""Cold-start driver: spawns each bootstrap against a fresh local Runtime API server, N times,
and, beside each efs-autoscaler bootstrap, its `plan` command on the same emulator state.

Per run and per bootstrap (they alternate, so load drift hits all alike):
  t0        time.monotonic() taken right before the fork/exec of the bootstrap
  init      first GET .../invocation/next minus t0           (process start -> ready)
  invoke    POST .../response arrival minus event delivered  (the first, cold invocation)
  warm      the same for invocations 2..I, delivered to the same process on its next GETs
            (--invocations I, default 3), as Lambda reuses a warm sandbox
  total     first POST .../response arrival minus t0
  peak RSS  VmHWM from /proc/<pid>/status once the last response is in (the runtime is then
            parked on its next GET next, as in a frozen sandbox), so nothing before it is missed
  report    each response's own `duration_ms` (the reconcile's time inside the process), when
            the runtime reports one
  AWS calls what moto_runner's request log holds after the run (all of the process's
            invocations; the log is cleared before each run and each plan)
Per run and per --cli LABEL=BINARY (LABEL names the bootstrap it belongs to): `BINARY plan
--json` with the same environment less the Runtime API: wall time from spawn to exit (a whole
cold process, as `plan` always is) and the report's `duration_ms`.
With --reseed the emulator is reset and seeded before every run and every plan (a scale-out
changes its state); otherwise it is seeded once and every --cli binary runs one unmeasured
`invoke` first (the seeded ECS service runs in AZs without a mount target, which the first
run repairs), so every measured run is a steady state: the reconcile reads and finds nothing
to do.
Prints one JSON object: the raw runs and their medians.
Usage: measure.py --endpoint URL --tree DIR --threshold N --runs N [--reseed] [--invocations I]
                  [--cli LABEL=BINARY ...] LABEL=BOOTSTRAP...
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request

from runtime_api import RuntimeAPIServer
from scenario import environment, seed


class RequestLog:
    """moto_runner's log of the requests it received (GET /_tests/requests; POST clears it):
    how many AWS calls a run made, a figure the machine's load does not move."""

    def __init__(self, endpoint):
        self.url = endpoint.rstrip("/") + "/_tests/requests"

    def _call(self, method):
        with urllib.request.urlopen(urllib.request.Request(self.url, method=method), timeout=30) as response:
            return json.loads(response.read())

    def clear(self):
        self._call("POST")

    def operations(self):
        """Operation names and counts (EC2's query calls read as `EC2`: the log keeps no body)."""
        counts = {}
        for entry in self._call("GET"):
            if entry.get("target"):
                name = entry["target"].rpartition(".")[2]
            elif entry["path"].startswith("/2015-02-01/"):
                name = f"EFS {entry['method']} {entry['path'].split('/')[2]}"
            else:
                name = "EC2" if entry["path"] == "/" else f"{entry['method']} {entry['path']}"
            counts[name] = counts.get(name, 0) + 1
        return counts


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def reported_ms(body):
    """The run report's own `duration_ms` (efs-autoscaler), else None (the original)."""
    try:
        value = json.loads(body or b"null")
    except ValueError:
        return None
    return value.get("duration_ms") if isinstance(value, dict) else None


def one_run(bootstrap, env_for, log_path, invocations, requests):
    requests.clear()
    with RuntimeAPIServer(event={"source": "aws.events", "detail-type": "Scheduled Event"},
                          invocations=invocations) as api:
        env = env_for(api.address)
        with open(log_path, "ab") as log:
            t0 = time.monotonic()
            proc = subprocess.Popen([bootstrap], env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            try:
                give_up = t0 + 300
                while not api.recorder.done.wait(timeout=0.02):
                    if proc.poll() is not None:
                        raise RuntimeError(f"{bootstrap} exited with {proc.returncode} (see {log_path})")
                    if time.monotonic() > give_up:
                        raise RuntimeError(f"{bootstrap}: no response within 300 s (see {log_path})")
                rss = peak_rss_kib(proc.pid)
            finally:
                proc.kill()
                proc.wait()
        r = api.recorder
        if r.init_error is not None:
            raise RuntimeError(f"{bootstrap}: init error: {r.init_error[:500]!r} (see {log_path})")
        for i in r.invocations:
            if i.outcome != "response":
                raise RuntimeError(f"{bootstrap}: invocation {i.request_id}: {i.outcome}: {i.body[:500]!r} (see {log_path})")
        times = [(i.finished - i.delivered) * 1e3 for i in r.invocations]
        calls = requests.operations()
        return {"init_ms": (r.first_next - t0) * 1e3, "invoke_ms": times[0], "warm_ms": times[1:],
                "total_ms": (r.invocations[0].finished - t0) * 1e3, "peak_rss_kib": rss,
                "reported_ms": [reported_ms(i.body) for i in r.invocations],
                "aws_calls": sum(calls.values()), "aws_operations": calls,
                "response": json.loads(r.invocations[-1].body or b"null")}


def one_plan(binary, env, log_path, requests):
    requests.clear()
    with open(log_path, "ab") as log:
        t0 = time.monotonic()
        done = subprocess.run([binary, "plan", "--json"], env=env, stdout=subprocess.PIPE, stderr=log,
                              stdin=subprocess.DEVNULL, timeout=300)
        wall = (time.monotonic() - t0) * 1e3
    if done.returncode != 0:
        raise RuntimeError(f"{binary} plan exited with {done.returncode}: {done.stdout[:500]!r} (see {log_path})")
    report = json.loads(done.stdout)
    calls = requests.operations()
    return {"wall_ms": wall, "reported_ms": report.get("duration_ms"), "aws_calls": sum(calls.values()),
            "aws_operations": calls, "response": report}


def prime(binary, env, log_path):
    with open(log_path, "ab") as log:
        subprocess.run([binary, "invoke"], env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                       check=True, timeout=300)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--tree", required=True)
    ap.add_argument("--threshold", type=int, required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--invocations", type=int, default=3, help="events per process: 1 cold, the rest warm")
    ap.add_argument("--reseed", action="store_true")
    ap.add_argument("--cli", action="append", default=[], help="LABEL=BINARY: run BINARY plan beside bootstrap LABEL")
    ap.add_argument("--log-dir", default="/tmp")
    ap.add_argument("bootstraps", nargs="+", help="LABEL=PATH (a file named bootstrap)")
    args = ap.parse_args()
    bootstraps = [b.split("=", 1) for b in args.bootstraps]
    clis = dict(c.split("=", 1) for c in args.cli)

    def env_for(scenario, api=None):
        return environment(scenario, args.endpoint, args.tree, args.threshold, api)

    requests = RequestLog(args.endpoint)
    runs = {label: [] for label, _ in bootstraps}
    plans = {label: [] for label in clis}
    scenario = None if args.reseed else seed(args.endpoint)
    if not args.reseed:
        for label, binary in clis.items():
            prime(binary, env_for(scenario), os.path.join(args.log_dir, f"{label}.log"))
    for _ in range(args.runs):
        for label, path in bootstraps:
            log = os.path.join(args.log_dir, f"{label}.log")
            if args.reseed:
                scenario = seed(args.endpoint)
            runs[label].append(one_run(path, lambda api, s=scenario: env_for(s, api), log, args.invocations,
                                       requests))
            if label in clis:
                if args.reseed:
                    scenario = seed(args.endpoint)
                plans[label].append(one_plan(clis[label], env_for(scenario), log, requests))

    summary = {}
    for label, rs in runs.items():
        s = {k: median(r[k] for r in rs) for k in ("init_ms", "invoke_ms", "total_ms", "peak_rss_kib")}
        s["warm_ms"] = median(w for r in rs for w in r["warm_ms"])
        s["reported_cold_ms"] = median(r["reported_ms"][0] for r in rs)
        s["reported_warm_ms"] = median(w for r in rs for w in r["reported_ms"][1:])
        s["aws_calls"] = median(r["aws_calls"] for r in rs)
        s["aws_operations"] = rs[-1]["aws_operations"]
        s["runs"] = len(rs)
        s["invocations"] = args.invocations
        s["last_response"] = rs[-1]["response"]
        if label in plans:
            s["plan_wall_ms"] = median(p["wall_ms"] for p in plans[label])
            s["plan_reported_ms"] = median(p["reported_ms"] for p in plans[label])
            s["plan_aws_calls"] = median(p["aws_calls"] for p in plans[label])
            s["plan_aws_operations"] = plans[label][-1]["aws_operations"]
            s["last_plan"] = plans[label][-1]["response"]
        summary[label] = s
    strip = lambda r: {k: v for k, v in r.items() if k != "response"}
    json.dump({"summary": summary, "runs": {k: [strip(r) for r in v] for k, v in runs.items()},
               "plans": {k: [strip(p) for p in v] for k, v in plans.items()}}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
