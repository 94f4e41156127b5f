#!/usr/bin/env bash
# The hostile-AWS world, short version: every scenario of reliability/world once against the
# real binary (moto behind a world that is slow, failing, eventually consistent and shared with
# other actors; the monitor checks every call). Under 5 minutes on 2 cores.
# Scenarios listed in reliability/world/expected_violations.json may violate (known on today's
# main, issue 16); any other violation, or a scenario that misses its end state, fails the check.
# Per-scenario results: reliability/world's JSON at $WORLD_RESULTS (default: a temporary file).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

python3 -c 'import moto, botocore, werkzeug' 2>/dev/null \
    || fail "moto[server] and botocore are needed (scripts/setup.sh)"
require cc "a C compiler builds the simulated clock"

# scripts/test.sh builds the debug binary before the checks run; this check never builds.
binary="${EFS_AUTOSCALER_BIN:-$repo_root/.build/debug/efs-autoscaler}"
[[ -x "$binary" ]] || fail "no binary at $binary: run scripts/test.sh (or swift build --product efs-autoscaler) first"
export EFS_AUTOSCALER_BIN="$binary"

# The world's own tests (reliability/tests/test_world.py) run in reliability-short.sh, with the
# fault proxy's.
results="${WORLD_RESULTS:-$(mktemp -t world-short-XXXXXX.json)}"
echo "== every scenario once (results: $results)"
python3 reliability/world_run.py --jobs "${WORLD_JOBS:-4}" --json "$results"
