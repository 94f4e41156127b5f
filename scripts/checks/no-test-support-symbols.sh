#!/usr/bin/env bash
# The shipped binary carries no test double: no symbol of a type declared in a test-support
# target (Tests/*TestSupport) may appear in it, under that target's module or any other (a fake
# moved back into a production module would keep its name). Checks the debug binary the test run
# built (no dead stripping, so it is the stricter one) and a release binary when one exists.
# Fails when it finds no type to look for, so it cannot pass by reading nothing.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require nm "binutils"
mapfile -t types < <(grep -hoE '^public (final )?(actor|struct|class|enum|protocol) [A-Za-z_][A-Za-z0-9_]*' \
    Tests/*TestSupport/*.swift | awk '{print $NF}' | sort -u)
[[ ${#types[@]} -gt 5 ]] || fail "found only ${#types[@]} test-support types; the pattern no longer matches the sources"
modules="$(find Tests -maxdepth 1 -type d -name '*TestSupport' -printf '%f\n' | paste -sd'|')"

binaries=()
for candidate in .build/debug/efs-autoscaler .build/release/efs-autoscaler; do
    [[ -x "$candidate" ]] && binaries+=("$candidate")
done
[[ ${#binaries[@]} -gt 0 ]] || fail "no built efs-autoscaler binary (run swift build first)"

pattern="(^|[^A-Za-z0-9_])(${modules})\\.|[^A-Za-z0-9_]($(IFS='|'; echo "${types[*]}"))([^A-Za-z0-9_]|$)"
for binary in "${binaries[@]}"; do
    symbols="$(nm --defined-only "$binary" | awk '{print $NF}' | swift demangle --compact)"
    count="$(grep -cE "$pattern" <<<"$symbols" || true)"
    if [[ "$count" -ne 0 ]]; then
        grep -E "$pattern" <<<"$symbols" | head -n 10 >&2
        fail "$binary holds $count symbols of test-support types (first ones above)"
    fi
    echo "$check_name: $binary: no symbol of ${#types[@]} test-support types ($(wc -l <<<"$symbols") symbols read)"
done
