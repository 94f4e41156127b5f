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

# Validate a copy so no .terraform/ or lock file lands in the work tree. The module (plus its
# `terraform test`) and each example run side by side, each with its own data directory.
cp -R infra "$work/infra"
validate() {
    local dir="$1" log="$2"
    TF_DATA_DIR="$work/data-$(basename "$dir")"
    export TF_DATA_DIR
    {
        terraform -chdir="$dir" init -backend=false -input=false -no-color -plugin-dir="$plugin_dir" >/dev/null &&
        terraform -chdir="$dir" validate -no-color &&
        if [[ "$dir" == "$work/infra" ]]; then terraform -chdir="$dir" test -no-color; fi
    } >"$log" 2>&1
}
pids=()
dirs=("$work/infra" "$work"/infra/examples/*)
for i in "${!dirs[@]}"; do
    validate "${dirs[$i]}" "$work/validate-$i.log" &
    pids+=($!)
done
for i in "${!dirs[@]}"; do
    wait "${pids[$i]}" || { cat "$work/validate-$i.log" >&2; fail "terraform init/validate/test failed in ${dirs[$i]#"$work"/}"; }
done
echo "$check_name: terraform test: $(grep -E '^(Success|Failure)! [0-9]+ passed' "$work/validate-0.log")"
echo "$check_name: fmt clean; module and $((${#dirs[@]} - 1)) examples validate ($(terraform version | head -n 1))"
