#!/usr/bin/env bash
# Lambda cold and warm start: efs-autoscaler's release binary started as `bootstrap` vs the
# original Python handler (bench/coldstart/original_handler.py, boto3), each against a fresh
# local Runtime API server (bench/coldstart/runtime_api.py) that hands the same process
# INVOCATIONS events in a row (the first cold, the rest warm), and the same seeded moto
# emulator; beside each efs-autoscaler build, `efs-autoscaler plan` of the same state.
# Two scenarios: a steady state (file count below the threshold, emulator seeded once) and a
# scale-out (above the threshold, emulator reset and seeded before every run and every plan).
# With BEFORE_BIN set (an efs-autoscaler built from an earlier commit; BEFORE_LABEL names it),
# that build runs too, alternating with the others, for a before/after in the same conditions.
# Prints the medians as Markdown tables; raw runs are kept in the JSON files it names.
# Usage: [BEFORE_BIN=PATH BEFORE_LABEL=NAME] [INVOCATIONS=3] bench/coldstart/run.sh [RUNS] [SCALE_OUT_RUNS]
#        (defaults: 10 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
scale_out_runs=${2:-3}
invocations=${INVOCATIONS:-3}
before_bin=${BEFORE_BIN:-}
before_label=${BEFORE_LABEL:-before}
ours="efs-autoscaler"

swift build -c release --product efs-autoscaler >/dev/null
bin="$(swift build -c release --show-bin-path)/efs-autoscaler"

work=$(mktemp -d)
moto_pid=""
cleanup() {
    if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Every runtime is started through a file named bootstrap, as Lambda does.
mkdir -p "$work/swift" "$work/python"
ln -s "$bin" "$work/swift/bootstrap"
ln -s "$PWD/bench/coldstart/original_handler.py" "$work/python/bootstrap"
contenders=("$ours=$work/swift/bootstrap")
clis=(--cli "$ours=$bin")
if [[ -n "$before_bin" ]]; then
    mkdir -p "$work/before"
    ln -s "$(realpath "$before_bin")" "$work/before/bootstrap"
    contenders+=("$before_label=$work/before/bootstrap")
    clis+=(--cli "$before_label=$before_bin")
fi
contenders+=("original=$work/python/bootstrap")

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
    --runs "$runs" --invocations "$invocations" --log-dir "$work" "${clis[@]}" "${contenders[@]}" \
    >"$work/steady.json"
load_middle=$(uptime)
# One event per process: after a scale-out our next runs only hold the cooldown, while the
# original would create another mount target on every event: not the same work to compare.
python3 bench/coldstart/measure.py --endpoint "$endpoint" --tree "$work/above" --threshold 1000 \
    --runs "$scale_out_runs" --invocations 1 --reseed --log-dir "$work" "${clis[@]}" "${contenders[@]}" \
    >"$work/scale-out.json"
load_after=$(uptime)
mkdir -p .build/bench-coldstart
cp "$work/steady.json" "$work/scale-out.json" .build/bench-coldstart/

python3 bench/coldstart/table.py "$ours" "${before_bin:+$before_label}" \
    "steady state (100 files, below threshold)=$work/steady.json" \
    "scale-out (1500 files, above threshold)=$work/scale-out.json"
echo
echo "load before:      $load_before"
echo "load after steady: $load_middle"
echo "load after:       $load_after"
echo "raw runs: .build/bench-coldstart/{steady,scale-out}.json"
