"""The Terraform's action list is enough for a scale-out against the local emulator, and the
emulator really enforces it (a user missing any one action cannot scale out). The stand-in's EFS
calls are not enforced (botocore, see emulator_iam.py); the built binary's are, so the binary
runs below prove the whole list, EFS included."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import emulator_iam


@pytest.fixture(scope="module")
def endpoint():
    with emulator_iam.moto_server() as started:
        yield started


@pytest.mark.parametrize("role", ["lambda", "worker_task"])
def test_the_roles_actions_suffice_for_a_scale_out(endpoint, role):
    scaled, output = emulator_iam.run(role, [], None, endpoint)
    assert scaled, output


@pytest.mark.parametrize("action", ["ec2:DescribeSubnets", "ssm:PutParameter", "ecs:UpdateService"])
def test_a_user_missing_one_action_cannot_scale_out(endpoint, action):
    scaled, output = emulator_iam.run("worker_task", [action], None, endpoint)
    assert not scaled
    assert "AccessDenied" in output or "not authorized" in output, output


def built_binary() -> str:
    """The efs-autoscaler scripts/test.sh built before the checks: EFS_AUTOSCALER_BINARY, else
    .build/debug, else wherever `swift build --show-bin-path` says. Missing is a failure."""
    override = os.environ.get("EFS_AUTOSCALER_BINARY")
    candidates = [Path(override)] if override else [emulator_iam.REPO / ".build" / "debug" / "efs-autoscaler"]
    if not override and not candidates[0].exists() and shutil.which("swift"):
        shown = subprocess.run(["swift", "build", "--show-bin-path"], cwd=emulator_iam.REPO,
                               capture_output=True, text=True, check=False)
        candidates.append(Path(shown.stdout.strip()) / "efs-autoscaler")
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail(f"efs-autoscaler is not built (looked at {[str(c) for c in candidates]}); run `swift build` first")


@pytest.mark.parametrize("role", ["lambda", "worker_task"])
def test_the_binary_scales_out_as_a_user_with_exactly_the_roles_actions(endpoint, role):
    """The real client, every action enforced by the emulator (EFS included): sufficient."""
    scaled, output, count = emulator_iam.run_counting(role, [], [built_binary(), "invoke"], endpoint)
    assert scaled, output
    assert count == 2
    assert '"new_mount_target_created":true' in output and '"error":null' in output, output


def test_the_binary_missing_one_action_surfaces_access_denied_and_creates_nothing(endpoint):
    """The negative control: the emulator really enforces the list for our client, EFS
    included, and the denial reaches the report (the run fails, no second mount target)."""
    action = "elasticfilesystem:CreateMountTarget"
    scaled, output, count = emulator_iam.run_counting("lambda", [action], [built_binary(), "invoke"], endpoint)
    assert not scaled
    assert count == 1, output
    assert "AccessDenied" in output and action in output, output


def test_the_binary_without_the_lock_tables_update_creates_nothing(endpoint):
    """The lock table grant is needed: without dynamodb:UpdateItem no run takes the lock, so
    nothing is created."""
    action = "dynamodb:UpdateItem"
    scaled, output, count = emulator_iam.run_counting("worker_task", [action], [built_binary(), "invoke"], endpoint)
    assert not scaled
    assert count == 1, output
    assert ("AccessDenied" in output or "not authorized" in output) and action in output, output
