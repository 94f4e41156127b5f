"""The Terraform's action list is enough for a scale-out against the local emulator, and the
emulator really enforces it (a user missing any one EC2/SSM/ECS action cannot scale out).
EFS is not enforced by the emulator (see emulator_iam.py); iam-actions.sh covers it statically."""
from __future__ import annotations

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
