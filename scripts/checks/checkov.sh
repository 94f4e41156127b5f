#!/usr/bin/env bash
# checkov on infra/ (module and examples) must report zero failed checks. Skips are allowed
# only inline, each with a written reason (`#checkov:skip=CKV_X_N:why`): this script fails on
# a bare skip, and passes checkov no skip flags of its own.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# scripts/setup.sh installs checkov in its own virtualenv (its pins clash with moto's botocore).
checkov_bin="${EFS_AUTOSCALER_TOOLS:-$HOME/.cache/efs-autoscaler}/checkov-venv/bin/checkov"
[[ -x "$checkov_bin" ]] || checkov_bin="$(command -v checkov || true)"
[[ -n "$checkov_bin" ]] || fail "checkov is not installed (scripts/setup.sh installs it)"

bare="$(grep -rnE --include='*.tf' 'checkov:skip=' infra | grep -vE 'checkov:skip=CKV2?_[A-Z0-9]+_[0-9]+:[^[:space:]].{10,}' || true)"
[[ -z "$bare" ]] || fail "inline checkov skips need an ID and a written reason (at least a sentence):"$'\n'"$bare"

output="$("$checkov_bin" -d infra --framework terraform --quiet --compact --skip-download -o cli 2>&1)" || status=$?
summary="$(grep -E 'Passed checks: [0-9]+, Failed checks: [0-9]+' <<<"$output" | head -n 1 || true)"
[[ -n "$summary" ]] || { echo "$output" >&2; fail "checkov printed no summary"; }
echo "$check_name: $summary"
if [[ "${status:-0}" -ne 0 ]] || ! grep -q 'Failed checks: 0,' <<<"$summary"; then
    echo "$output" >&2
    fail "checkov reported failed checks"
fi
echo "$check_name: skipped inline (with reasons): $(grep -rhoE --include='*.tf' 'checkov:skip=CKV2?_[A-Z0-9]+_[0-9]+' infra | sort | uniq -c | awk '{print $2 "x" $1}' | sed 's/checkov:skip=//' | tr '\n' ' ')"
