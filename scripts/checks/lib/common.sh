# Shared by scripts/checks/*.sh (sourced, not run; CI runs only scripts/checks/*.sh).
# shellcheck shell=bash

check_name="$(basename "$0" .sh)"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$repo_root" || exit 2
check_started=$SECONDS

# Prints the elapsed time when the check ends, whatever its outcome.
report_elapsed() {
    echo "$check_name: done in $((SECONDS - check_started))s"
}
trap report_elapsed EXIT

fail() {
    echo "$check_name: FAIL: $*" >&2
    exit 1
}

require() {
    local tool="$1" hint="$2"
    command -v "$tool" >/dev/null || fail "$tool is not installed ($hint)"
}

# Repository files matching a find -name pattern, excluding build output, VCS data and
# Terraform's working directories. NUL-separated, sorted.
repo_files() {
    find . \( -name '.build*' -o -name '.git' -o -name '.terraform' -o -name 'node_modules' \) -prune \
        -o -type f -name "$1" -print0 | sort -z
}

# The efs-autoscaler binary a previous build left: a static release build if there is one
# (what the image and the zip contain), else the debug build CI makes; EFS_AUTOSCALER_BINARY
# overrides. Empty when none.
built_binary() {
    local candidate
    if [[ -n "${EFS_AUTOSCALER_BINARY:-}" ]]; then
        echo "$EFS_AUTOSCALER_BINARY"
        return 0
    fi
    for candidate in .build/release/efs-autoscaler .build-release/release/efs-autoscaler \
                     .build-lambda/release/efs-autoscaler .build/debug/efs-autoscaler; do
        [[ -x "$candidate" ]] && { echo "$candidate"; return 0; }
    done
    return 0
}

# Runs pytest and treats "no tests collected" (exit 5) as the failure it is.
run_pytest() {
    local status=0
    PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider "$@" || status=$?
    case "$status" in
        0) ;;
        5) fail "pytest collected no tests in $*" ;;
        *) fail "pytest failed (exit $status)" ;;
    esac
}
