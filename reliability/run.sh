#!/usr/bin/env bash
# Reproduces every reliability result in RELIABILITY.md with one command: the soak through the
# fault-injecting proxy, the kill -9 crash-restart trials and the concurrent-run pairs, all
# against the real efs-autoscaler binary and a local moto on 127.0.0.1.
# Usage: reliability/run.sh            the full run (300-run soak, 50 crashes, 40+20 pairs; ~25 min),
#                                      then the hostile world's long run (reliability/world; hours)
#        reliability/run.sh --short    the CI version (~2.5 min; the world's short run is
#                                      scripts/checks/world-short.sh)
# WORLD_SEEDS (default 1,2,3) and WORLD_SOAK_DAYS (simulated days per soak seed, default 70, so
# 3 seeds give 210 days) size the world's long run; its JSON results and RELIABILITY.md's tables
# go to a temporary directory named at the end.
# Exits non-zero when any driver saw a violation (each prints its own table and violations).
set -euo pipefail
cd "$(dirname "$0")/.."

short=false
case "${1:-}" in
    --short) short=true ;;
    "") ;;
    *) echo "usage: reliability/run.sh [--short]" >&2; exit 2 ;;
esac

python3 -c 'import moto, botocore, werkzeug' 2>/dev/null \
    || { echo "reliability: moto[server] and botocore are needed (scripts/setup.sh)" >&2; exit 1; }
command -v cc >/dev/null || { echo "reliability: a C compiler (cc) is needed for the simulated clock" >&2; exit 1; }

# EFS_AUTOSCALER_BIN may name an already built binary (CI's check does, so that a build with
# other compiler flags is not redone). It must be dynamically linked: the simulated clock is an
# LD_PRELOAD shim, so the static release build cannot be used here.
if [[ -z "${EFS_AUTOSCALER_BIN:-}" ]]; then
    echo "== building efs-autoscaler"
    swift build --product efs-autoscaler 2>&1 | tail -n 1
    test "${PIPESTATUS[0]}" -eq 0
    EFS_AUTOSCALER_BIN="$(swift build --show-bin-path)/efs-autoscaler"
fi
[[ -x "$EFS_AUTOSCALER_BIN" ]] || { echo "reliability: no binary at $EFS_AUTOSCALER_BIN" >&2; exit 1; }
export EFS_AUTOSCALER_BIN
echo "== binary under test: $EFS_AUTOSCALER_BIN"

failed=()
run() {
    echo
    echo "== $*"
    python3 "$@" || failed+=("$*")
}

echo
echo "== the fault proxy's and the world's own tests (botocore through them to moto)"
python3 -m pytest -q -p no:cacheprovider reliability/tests || failed+=("reliability/tests")

if $short; then
    # The 31 s delay fault is left out here to keep CI short; the full soak injects it.
    run reliability/soak.py --runs 24 --delay-weight 0
    run reliability/crash.py --trials 8
    run reliability/concurrent_runs.py --trials 5
else
    run reliability/soak.py --runs 300
    run reliability/crash.py --trials 50
    run reliability/concurrent_runs.py --trials 40
    run reliability/concurrent_runs.py --trials 20 --rate 0.2 --seed 2
    # The hostile world: every scenario in its long form with each seed on a 1- and a 5-minute
    # schedule, then the multi-day soak (>= 200 simulated days over the seeds).
    seeds="${WORLD_SEEDS:-1,2,3}"
    world_out="$(mktemp -d -t world-long-XXXXXX)"
    mapfile -t scenarios < <(python3 reliability/world_run.py --list | awk '$1 != "soak-days" {print "--scenario"; print $1}')
    run reliability/world_run.py --long --seeds "$seeds" --period 60 --period 300 --jobs 3 "${scenarios[@]}" \
        --json "$world_out/scenarios.json" --markdown "$world_out/scenarios.md"
    export WORLD_SOAK_DAYS="${WORLD_SOAK_DAYS:-70}"
    run reliability/world_run.py --long --scenario soak-days \
        --seeds "$seeds" --jobs 3 --json "$world_out/soak.json" --markdown "$world_out/soak.md"
    echo "== the world's long-run results and tables: $world_out"
fi

echo
if ((${#failed[@]})); then
    printf 'reliability: FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "reliability: every check passed"
