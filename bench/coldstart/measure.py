#!/usr/bin/env python3
"""Cold-start driver: spawns each bootstrap against a fresh local Runtime API server, N times.

Per run and per bootstrap (the two alternate, so load drift hits both alike):
  t0        time.monotonic() taken right before the fork/exec of the bootstrap
  init      first GET .../invocation/next minus t0           (process start -> ready)
  invoke    POST .../response arrival minus event delivered  (the first invocation)
  total     POST .../response arrival minus t0
  peak RSS  VmHWM from /proc/<pid>/status once the response is in (the runtime is then parked
            on its second GET next, as in a frozen sandbox), so nothing after it is missed
With --reseed the emulator is reset and seeded before every run (a scale-out changes its state);
otherwise it is seeded once (a steady state: the reconcile reads, finds nothing to do).
Prints one JSON object: the raw runs and their medians.
Usage: measure.py --endpoint URL --tree DIR --threshold N --runs N [--reseed] LABEL=BOOTSTRAP...
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from runtime_api import RuntimeAPIServer

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "..", "Tests", "TestSupport", "python", "moto_scenario.py")
REGION = "ap-northeast-1"


def seed(endpoint):
    out = subprocess.run([sys.executable, SCENARIO, "--endpoint", endpoint, "--region", REGION],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def environment(scenario, endpoint, tree, threshold, api):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "http_", "https_", "HTTP"))}
    env.update({
        "AWS_LAMBDA_RUNTIME_API": api, "AWS_ENDPOINT_URL": endpoint,
        "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": scenario["accessKeyId"], "AWS_SECRET_ACCESS_KEY": scenario["secretAccessKey"],
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        "AWS_LAMBDA_FUNCTION_NAME": "efs-autoscaler", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "TARGET_DIRECTORY": tree, "FILE_COUNT_THRESHOLD": str(threshold),
        "EFS_FILE_SYSTEM_ID": scenario["fileSystemId"], "VPC_ID": scenario["vpcId"],
        "SECURITY_GROUP_ID": scenario["securityGroupId"], "SSM_PARAMETER_NAME": scenario["parameterName"],
        "ECS_CLUSTER_NAME": scenario["clusterName"], "ECS_SERVICE_NAME": scenario["serviceName"],
        "MANAGE_SERVICE_SUBNETS": "true", "SCALE_OUT_COOLDOWN_SECONDS": "300",
        "COUNT_CACHE_TTL_SECONDS": "0", "LOG_LEVEL": "info", "LOG_FORMAT": "json",
    })
    return env


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def one_run(bootstrap, env_for, log_path):
    with RuntimeAPIServer(event={"source": "aws.events", "detail-type": "Scheduled Event"}) as api:
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
        if r.outcome != "response":
            raise RuntimeError(f"{bootstrap}: {r.outcome}: {r.body[:500]!r} (see {log_path})")
        return {"init_ms": (r.first_next - t0) * 1e3, "invoke_ms": (r.finished - r.delivered) * 1e3,
                "total_ms": (r.finished - t0) * 1e3, "peak_rss_kib": rss,
                "response": json.loads(r.body or b"null")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--tree", required=True)
    ap.add_argument("--threshold", type=int, required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--reseed", action="store_true")
    ap.add_argument("--log-dir", default="/tmp")
    ap.add_argument("bootstraps", nargs="+", help="LABEL=PATH (a file named bootstrap)")
    args = ap.parse_args()
    bootstraps = [b.split("=", 1) for b in args.bootstraps]

    runs = {label: [] for label, _ in bootstraps}
    scenario = None if args.reseed else seed(args.endpoint)
    for _ in range(args.runs):
        for label, path in bootstraps:
            if args.reseed:
                scenario = seed(args.endpoint)
            env_for = lambda api, s=scenario: environment(s, args.endpoint, args.tree, args.threshold, api)
            runs[label].append(one_run(path, env_for, os.path.join(args.log_dir, f"{label}.log")))

    summary = {}
    for label, rs in runs.items():
        summary[label] = {k: statistics.median(r[k] for r in rs)
                          for k in ("init_ms", "invoke_ms", "total_ms", "peak_rss_kib")}
        summary[label]["runs"] = len(rs)
        summary[label]["last_response"] = rs[-1]["response"]
    json.dump({"summary": summary, "runs": {k: [{kk: vv for kk, vv in r.items() if kk != "response"} for r in v]
                                            for k, v in runs.items()}}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
