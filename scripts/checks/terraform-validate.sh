#!/usr/bin/env bash
# `terraform fmt -check`, `terraform validate` on the module and each example, and
# `terraform test` (infra/tests/*.tftest.hcl: validations and preconditions against a mocked
# provider) on the module, offline,
# when this machine has a terraform binary and a local provider mirror (TF_PLUGIN_DIR, default
# /opt/tf-plugins, laid out as registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/). Without
# them it says so and passes: parsing (terraform-parse.sh) and checkov still run everywhere.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

plugin_dir="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
if ! command -v terraform >/dev/null || [[ ! -d "$plugin_dir/registry.terraform.io/hashicorp/aws" ]]; then
    echo "$check_name: SKIPPED: needs a terraform binary and an AWS provider mirror in $plugin_dir (neither is installable from Debian or PyPI)"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"; report_elapsed' EXIT
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

terraform fmt -check -recursive -diff infra || fail "terraform fmt would change the files above (run: terraform fmt -recursive infra)"

# Validate a copy so no .terraform/ or lock file lands in the work tree.
cp -R infra "$work/infra"
for dir in "$work/infra" "$work"/infra/examples/*/; do
    name="${dir#"$work"/}"
    TF_DATA_DIR="$work/data-$(basename "$dir")"
    export TF_DATA_DIR
    terraform -chdir="$dir" init -backend=false -input=false -no-color -plugin-dir="$plugin_dir" >"$work/init.log" 2>&1 \
        || { cat "$work/init.log" >&2; fail "terraform init failed in $name"; }
    terraform -chdir="$dir" validate -no-color || fail "terraform validate failed in $name"
done
TF_DATA_DIR="$work/data-infra"
terraform -chdir="$work/infra" test -no-color >"$work/test.log" 2>&1 || { cat "$work/test.log" >&2; fail "terraform test failed"; }
echo "$check_name: terraform test: $(grep -E '^(Success|Failure)!' "$work/test.log")"
echo "$check_name: fmt clean; module and $(find "$work/infra/examples" -mindepth 1 -maxdepth 1 -type d | wc -l) examples validate ($(terraform version | head -n 1))"
