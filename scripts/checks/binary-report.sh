#!/usr/bin/env bash
# Prints what the built binary needs from its host (NEEDED libraries, highest GLIBC_/GLIBCXX_/
# CXXABI_ versions) against provided.al2023's ceilings, so a change shows up in every CI log.
# Report only: CI builds on Debian 12, whose binaries are not meant for the zip (docs/DEPLOY.md).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

binary="$(built_binary)"
[[ -n "$binary" ]] || fail "no built efs-autoscaler binary (run swift build first)"
lambda/check-binary.sh --report-only "$binary"
