#!/usr/bin/env bash
# Count cache: `efs-autoscaler invoke` against a 1M-file tree that walks
# (COUNT_CACHE_TTL_SECONDS=0) vs one that reuses the count `worker --count-only` stored in the
# lock item (COUNT_CACHE_TTL_SECONDS=300), alternating round by round on the same seeded moto
# emulator. Prints the medians as a Markdown table; raw rounds are kept in the JSON file it names.
# The tree is bench/counter/gen_tree.c's tree (a): 1,000,000 empty files over ~10,000 directories,
# generated under WORKDIR's parent (default /tmp) and removed at the end.
# Usage: bench/countcache/run.sh [ROUNDS]     (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}

swift build -c release --product efs-autoscaler >/dev/null
bin="$(swift build -c release --show-bin-path)/efs-autoscaler"

work=$(mktemp -d "${TMPDIR:-/tmp}/efs-countcache-bench.XXXXXX")
moto_pid=""
cleanup() {
    if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -Wall -Wno-format-truncation -o "$work/gen_tree" bench/counter/gen_tree.c
"$work/gen_tree" a "$work/tree"
files=$(find "$work/tree" -type f | wc -l)

mkfifo "$work/ready"
INITIAL_NO_AUTH_ACTION_COUNT=3 MOTO_ECS_SERVICE_RUNNING=1 \
    python3 Tests/TestSupport/python/moto_runner.py --parent-pid $$ >"$work/ready" 2>"$work/moto.log" &
moto_pid=$!
read -r _ port <"$work/ready"

load_before=$(uptime)
python3 bench/countcache/measure.py --endpoint "http://127.0.0.1:$port" --binary "$bin" --tree "$work/tree" \
    --files "$files" --rounds "$rounds" --log "$work/runs.log" >"$work/countcache.json"
load_after=$(uptime)
mkdir -p .build/bench-countcache
cp "$work/countcache.json" .build/bench-countcache/

python3 - "$work/countcache.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
s = data["summary"]
print("| run | runs | count_source | files | report `duration_ms` | of which the walk (ms) | `invoke` spawn → exit (ms) | count age (s) |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for kind, name in (("walked", "`COUNT_CACHE_TTL_SECONDS=0` (walks)"),
                   ("cached", "`COUNT_CACHE_TTL_SECONDS=300` after `worker --count-only`")):
    r = s[kind]
    walk = r["count_duration_ms"] if kind == "walked" else "—"
    print(f"| {name} | {r['runs']} | {', '.join(r['count_source'])} | {r['file_count']:,} | {r['duration_ms']:.0f} "
          f"| {walk} | {r['wall_ms']:.0f} | {r['count_age_seconds']:.0f} |")
w, c = s["walked"], s["cached"]
print(f"| ratio walked ÷ cached | | | | {w['duration_ms'] / c['duration_ms']:.1f}× | | {w['wall_ms'] / c['wall_ms']:.1f}× | |")
print()
print(f"worker --count-only: count stored {s['worker']['stored_after_ms']:.0f} ms after spawn (median), "
      f"its walk {s['worker']['count_duration_ms']:.0f} ms; every round's cached run carried the worker's measured_at")
for r in data["rounds"]:
    print(f"round: walked {r['walked']['duration_ms']} ms ({r['walked']['count_source']}), "
          f"cached {r['cached']['duration_ms']} ms ({r['cached']['count_source']}, age {r['cached']['count_age_seconds']} s), "
          f"worker exit {r['worker']['exit_code']}")
PY
echo
echo "load before: $load_before"
echo "load after:  $load_after"
echo "raw rounds: .build/bench-countcache/countcache.json"
