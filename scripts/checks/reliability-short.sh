#!/usr/bin/env bash
# The short reliability run on every CI run: a few dozen soak runs of the real binary through
# the fault-injecting proxy, a few kill -9 crash-restart trials and concurrent-run pairs
# (reliability/run.sh --short; RELIABILITY.md has the full run). Under 3 minutes on 2 cores.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# scripts/test.sh has just built everything (warnings as errors); reuse that debug binary
# instead of rebuilding it with other flags.
debug_binary="$(swift build --show-bin-path)/efs-autoscaler"
if [[ -z "${EFS_AUTOSCALER_BIN:-}" && -x "$debug_binary" ]]; then
    export EFS_AUTOSCALER_BIN="$debug_binary"
fi
reliability/run.sh --short
