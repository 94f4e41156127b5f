#!/usr/bin/env bash
# Every .tf, .tftest.hcl and .tfvars.example file in the repository parses as HCL2 (python-hcl2). Catches syntax errors without
# a Terraform binary or providers; semantic checks are terraform-validate.sh and checkov.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

python3 -c 'import hcl2' 2>/dev/null || fail "python-hcl2 is not installed (scripts/setup.sh)"
mapfile -d '' files < <(repo_files '*.tf'; repo_files '*.tftest.hcl'; repo_files '*.tfvars.example')
((${#files[@]} > 0)) || fail "no .tf files found"
python3 - "${files[@]}" <<'PY'
import sys
import hcl2

bad = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as handle:
            hcl2.load(handle)
    except Exception as error:  # lark raises several error types
        bad += 1
        print(f"terraform-parse: {path}: {error}", file=sys.stderr)
print(f"terraform-parse: {len(sys.argv) - 1 - bad} of {len(sys.argv) - 1} Terraform files parse")
sys.exit(1 if bad else 0)
PY
