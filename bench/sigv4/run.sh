#!/usr/bin/env bash
# Signing throughput: our signer vs botocore's, same request, same machine, one run each
# after a warm-up, repeated 5 times; prints the medians and the ratio.
# Usage: bench/sigv4/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product sigv4-bench >/dev/null
bin=$(swift build -c release --show-bin-path)/sigv4-bench
ours=(); theirs=()
for _ in 1 2 3 4 5; do
    ours+=("$("$bin" 200000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["signatures_per_second"])')")
    theirs+=("$(python3 bench/sigv4/botocore_bench.py 20000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["signatures_per_second"])')")
done
python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
ours = [int(x) for x in sys.argv[1].split()]
theirs = [int(x) for x in sys.argv[2].split()]
mo, mt = statistics.median(ours), statistics.median(theirs)
print(f"| signer | signatures/s (median of 5) | ratio |")
print(f"|---|---:|---:|")
print(f"| efs-autoscaler (Swift, libcrypto) | {mo:,.0f} | {mo/mt:.1f}x |")
print(f"| botocore {__import__('botocore').__version__} (Python) | {mt:,.0f} | 1.0x |")
PY
