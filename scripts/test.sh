#!/usr/bin/env bash
# Runs every test: installs what is missing, builds with warnings as errors, runs the Swift
# test suite (SigV4 vectors, local servers, the moto emulator, real file trees) and every
# static check in scripts/checks/. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== build (warnings are errors)"
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | tail -n 20
test "${PIPESTATUS[0]}" -eq 0

echo "== swift test"
swift test --skip-build --parallel --num-workers 2 2>&1 | tee .build/test.log | grep -vE '^(Test Suite|Test Case|◇|✔ Test [^r])' | tail -n 60
test "${PIPESTATUS[0]}" -eq 0

shopt -s nullglob
for check in scripts/checks/*.sh; do
    echo "== $check"
    "$check"
done
echo "== all tests passed"
