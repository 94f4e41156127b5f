#!/usr/bin/env bash
# Python tests of the infrastructure (infra/tests/test_*.py): the IAM action checker's parsers
# and comparison, the module's static contract, and a scale-out against the local emulator as
# an IAM user holding exactly a role's actions. pytest's "no tests collected" is a failure.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

python3 -c 'import pytest, hcl2' 2>/dev/null || fail "pytest and python-hcl2 are needed (scripts/setup.sh)"
run_pytest infra/tests
