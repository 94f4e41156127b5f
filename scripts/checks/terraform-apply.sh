#!/usr/bin/env bash
# The Terraform module applied for real: both examples deployed with the AWS provider against
# the local emulator (moto on 127.0.0.1), in exactly docs/DEPLOY.md's order from an empty
# state, then the autoscaler binary run with the configuration the module gave the function,
# an empty plan after its scale-out, a saved plan applied over an autoscaler write, and
# DEPLOY.md's teardown leaving nothing behind (infra/tests/apply/README.md). Needs a terraform
# binary and the provider mirror, as terraform-validate.sh does; without them it says SKIPPED.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

plugin_dir="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
if ! command -v terraform >/dev/null || [[ ! -d "$plugin_dir/registry.terraform.io/hashicorp/aws" ]]; then
    echo "$check_name: SKIPPED: needs a terraform binary and an AWS provider mirror in $plugin_dir (neither is installable from Debian or PyPI)"
    exit 0
fi
require aws "awscli, which scripts/setup.sh installs: DEPLOY.md's teardown uses it"
python3 -c 'import boto3, moto' 2>/dev/null || fail "boto3 and moto are needed (scripts/setup.sh)"
binary="$(built_binary)"
[[ -n "$binary" ]] || fail "no built efs-autoscaler binary (run swift build first)"

python3 infra/tests/apply/apply_test.py --binary "$binary" --plugin-dir "$plugin_dir" "$@" ||
    fail "the apply test failed (details above; KEEP_APPLY_TEST=1 keeps the scratch copy and its logs)"
