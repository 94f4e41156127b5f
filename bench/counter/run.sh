#!/usr/bin/env bash
# Reproduces the "File counter" tables in BENCHMARKS.md: our counter against find, fd, the original
# Python counters and a single-thread C getdents64 floor, on warm local trees and on a FUSE mount
# that adds 1 ms to every lookup/getattr/opendir/readdir. Not run by CI.
# Usage: bench/counter/run.sh [WORKDIR]   (default /tmp/efs-counter-bench; ~4 GB of inodes' worth of
# empty files, root for the FUSE mount). RUNS=5 by default; PY_FUSE_RUNS=3 for the slow Python peers
# on the mount (about 15 minutes of the run; PY_FUSE_RUNS=0 leaves them out). Generated trees are
# kept in WORKDIR and reused by later runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:-/tmp/efs-counter-bench}
runs=${RUNS:-5}
py_fuse_runs=${PY_FUSE_RUNS:-3}
mkdir -p "$work/bin" "$work/mnt"

"$repo/scripts/setup.sh" --bench

echo "== building tools" >&2
gcc -O2 -Wall -Wno-format-truncation -o "$work/bin/gen_tree" "$here/gen_tree.c"
gcc -O2 -Wall -o "$work/bin/floor" "$here/floor_getdents.c"
# shellcheck disable=SC2046 # pkg-config prints several flags on purpose
gcc -O2 -Wall -o "$work/bin/latency_fs" "$here/latency_fs.c" $(pkg-config --cflags --libs fuse3)
(cd "$repo" && swift build -c release --product efs-autoscaler >&2)
ours="$(cd "$repo" && swift build -c release --show-bin-path)/efs-autoscaler"

for tree in a b c s f; do
    if [[ ! -e "$work/tree-$tree.done" ]]; then
        echo "== generating tree $tree" >&2
        rm -rf "${work:?}/tree-$tree"
        "$work/bin/gen_tree" "$tree" "$work/tree-$tree"
        touch "$work/tree-$tree.done"
    fi
done

floor="floor=$work/bin/floor {dir}"
find_peer="find=find {dir} -type f | wc -l"
fd_peer="fdfind=fdfind -u -t f . {dir} | wc -l"
guide="python-guide=python3 $here/python_counters.py guide {dir}"
lambda="python-lambda=python3 $here/python_counters.py lambda {dir}"
results="$work/results.md"
: > "$results"
measure() { python3 "$here/measure.py" --runs "$runs" --baseline fdfind --floor floor "$@" | tee -a "$results"; }

{
    echo "Machine: $(nproc) cores, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "Counter: $ours (default concurrency), getdents64 via dlsym"
} | tee -a "$results"

echo "== local, warm" >&2
measure --label "(a) 1M files / 10k dirs, local" --dir "$work/tree-a" \
    --peer "$find_peer" --peer "$fd_peer" --peer "$guide" --peer "$floor" \
    --peer "ours=$ours count --json {dir}" --peer "ours c:2=$ours count --json --concurrency 2 {dir}"
measure --label "(b) 200k files in one directory, local" --dir "$work/tree-b" \
    --peer "$find_peer" --peer "$fd_peer" --peer "$lambda" --peer "$guide" --peer "$floor" \
    --peer "ours=$ours count --json {dir}"
measure --label "(c) 100k files / 1k dirs, local" --dir "$work/tree-c" \
    --peer "$find_peer" --peer "$fd_peer" --peer "$guide" --peer "$floor" \
    --peer "ours=$ours count --json {dir}"

echo "== FUSE mount, 1 ms per request, kernel caches off" >&2
mount_latency_fs() {
    "$work/bin/latency_fs" "$1" "$work/mnt" -f \
        -o attr_timeout=0,entry_timeout=0,negative_timeout=0,max_threads=512 &
    for _ in $(seq 50); do mountpoint -q "$work/mnt" && return 0; sleep 0.1; done
    echo "run.sh: the FUSE mount did not come up" >&2
    exit 1
}
unmount() { fusermount3 -u "$work/mnt" 2>/dev/null || true; }
trap unmount EXIT

fuse_guide=() fuse_lambda=()
if ((py_fuse_runs > 0)); then fuse_guide=(--peer "$guide") fuse_lambda=(--peer "$lambda"); fi
py_fuse_runs=$((py_fuse_runs > 0 ? py_fuse_runs : 1))
sweep=()
for c in 1 4 16 32 64 128 256; do sweep+=(--peer "ours c:$c=$ours count --json --concurrency $c {dir}"); done
fd_sweep=()
for j in 1 4 16 64 128; do fd_sweep+=(--peer "fdfind -j$j=fdfind -j $j -u -t f . {dir} | wc -l"); done

mount_latency_fs "$work/tree-s"
measure --label "(s) 50k files / 500 dirs over FUSE +1 ms" --dir "$work/mnt" --slow-runs "$py_fuse_runs" \
    --peer "$find_peer" --peer "$fd_peer" "${fd_sweep[@]}" "${fuse_guide[@]}" --peer "$floor" "${sweep[@]}"
unmount
mount_latency_fs "$work/tree-f"
measure --label "(f) 10k files in one directory over FUSE +1 ms" --dir "$work/mnt" --slow-runs "$py_fuse_runs" \
    --peer "$find_peer" --peer "$fd_peer" "${fuse_lambda[@]}" "${fuse_guide[@]}" --peer "$floor" \
    --peer "ours=$ours count --json {dir}"
unmount
echo "results: $results" >&2
