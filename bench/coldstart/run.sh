#!/usr/bin/env bash
# Lambda cold start: efs-autoscaler's release binary started as `bootstrap` vs the original
# Python handler (bench/coldstart/original_handler.py, boto3), each against a fresh local
# Runtime API server (bench/coldstart/runtime_api.py) and the same seeded moto emulator.
# Two scenarios: a steady state (file count below the threshold, emulator seeded once) and a
# scale-out (above the threshold, emulator reset and seeded before every run).
# Prints the medians as a Markdown table; raw runs are kept in the JSON files it names.
# Usage: bench/coldstart/run.sh [RUNS] [SCALE_OUT_RUNS]     (defaults: 10 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
scale_out_runs=${2:-3}

swift build -c release --product efs-autoscaler >/dev/null
bin="$(swift build -c release --show-bin-path)/efs-autoscaler"

work=$(mktemp -d)
moto_pid=""
cleanup() {
    if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Both runtimes are started through a file named bootstrap, as Lambda does.
mkdir -p "$work/swift" "$work/python"
ln -s "$bin" "$work/swift/bootstrap"
ln -s "$PWD/bench/coldstart/original_handler.py" "$work/python/bootstrap"

mkfifo "$work/ready"
INITIAL_NO_AUTH_ACTION_COUNT=3 MOTO_ECS_SERVICE_RUNNING=1 \
    python3 Tests/TestSupport/python/moto_runner.py --parent-pid $$ >"$work/ready" 2>"$work/moto.log" &
moto_pid=$!
read -r _ port <"$work/ready"
endpoint="http://127.0.0.1:$port"

# Flat trees, so the original's top-level count and our recursive count agree.
python3 - "$work/below" 100 "$work/above" 1500 <<'PY'
import os, sys
for root, n in ((sys.argv[1], int(sys.argv[2])), (sys.argv[3], int(sys.argv[4]))):
    os.makedirs(root)
    for i in range(n):
        open(os.path.join(root, f"file-{i:05}.dat"), "w").close()
PY

load_before=$(uptime)
python3 bench/coldstart/measure.py --endpoint "$endpoint" --tree "$work/below" --threshold 1000 \
    --runs "$runs" --log-dir "$work" efs-autoscaler="$work/swift/bootstrap" original="$work/python/bootstrap" \
    >"$work/steady.json"
python3 bench/coldstart/measure.py --endpoint "$endpoint" --tree "$work/above" --threshold 1000 \
    --runs "$scale_out_runs" --reseed --log-dir "$work" efs-autoscaler="$work/swift/bootstrap" \
    original="$work/python/bootstrap" >"$work/scale-out.json"
load_after=$(uptime)
mkdir -p .build/bench-coldstart
cp "$work/steady.json" "$work/scale-out.json" .build/bench-coldstart/

python3 - "$work/steady.json" "$work/scale-out.json" <<'PY'
import json, sys
rows = [("steady state (100 files, below threshold)", json.load(open(sys.argv[1]))["summary"]),
        ("scale-out (1500 files, above threshold)", json.load(open(sys.argv[2]))["summary"])]
print("| scenario | runtime | runs | start → first `next` (ms) | first invocation (ms) | start → response (ms) | peak RSS (MiB) |")
print("|---|---|---:|---:|---:|---:|---:|")
for scenario, s in rows:
    for label in ("efs-autoscaler", "original"):
        r = s[label]
        print(f"| {scenario} | {label} | {r['runs']} | {r['init_ms']:.1f} | {r['invoke_ms']:.1f} | {r['total_ms']:.1f} | {r['peak_rss_kib'] / 1024:.1f} |")
    o, e = s["original"], s["efs-autoscaler"]
    print(f"| {scenario} | ratio original ÷ ours | | {o['init_ms'] / e['init_ms']:.1f}× | {o['invoke_ms'] / e['invoke_ms']:.2f}× "
          f"| {o['total_ms'] / e['total_ms']:.1f}× | {o['peak_rss_kib'] / e['peak_rss_kib']:.1f}× |")
print()
for scenario, s in rows:
    for label in ("efs-autoscaler", "original"):
        print(f"{scenario}, {label}: last response {json.dumps(s[label]['last_response'])[:400]}")
PY
echo "load before: $load_before"
echo "load after:  $load_after"
echo "raw runs: .build/bench-coldstart/{steady,scale-out}.json"
