#!/usr/bin/env bash
# The IAM actions infra/iam.tf grants the autoscaler's roles equal the actions the Swift
# service clients call (Sources/AWSServices), plus the documented transitive allowlist
# (infra/tests/transitive_actions.json). Fails when the clients make no call at all, so it
# cannot pass by reading nothing. The checker's own tests run in infra-tests.sh.
# Usage: scripts/checks/iam-actions.sh [SOURCE_DIR]   (default Sources/AWSServices)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

PYTHONDONTWRITEBYTECODE=1 python3 infra/tests/check_iam_actions.py --sources "${1:-Sources/AWSServices}" \
    || fail "the Terraform's IAM actions and the code's calls disagree (above)"
