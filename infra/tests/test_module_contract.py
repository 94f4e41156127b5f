"""Static contract of the Terraform module and its docs, read with python-hcl2.

These hold where no terraform binary exists (terraform-validate.sh covers the rest where one
does): the environment given to the binary uses only DESIGN.md §6 names, provider ranges are
bounded, every variable is typed and described, the state the autoscaler owns is ignored by
Terraform, and the two-controller snippet in docs/DEPLOY.md is the one the example uses.
"""
from __future__ import annotations

import re
from pathlib import Path

import hcl_document
import pytest

INFRA = Path(__file__).resolve().parent.parent
REPO = INFRA.parent

# DESIGN.md §6: original and new names the binary reads.
CONTRACT = {
    "TARGET_DIRECTORY", "FILE_COUNT_THRESHOLD", "EFS_FILE_SYSTEM_ID", "VPC_ID", "SSM_PARAMETER_NAME",
    "ECS_CLUSTER_NAME", "ECS_SERVICE_NAME", "SECURITY_GROUP_ID", "SUBNET_IDS", "MIN_MOUNT_TARGETS",
    "MAX_MOUNT_TARGETS", "SCALE_IN_THRESHOLD", "FILES_PER_MOUNT_TARGET", "SCALE_OUT_COOLDOWN_SECONDS",
    "SCALE_IN_STABILIZATION_SECONDS", "DRAIN_TIMEOUT_SECONDS", "COUNT_CACHE_TTL_SECONDS",
    "COUNT_CONCURRENCY", "COUNT_RECURSIVE", "MANAGE_SERVICE_SUBNETS", "STATE_PARAMETER_NAME",
    "DRY_RUN", "LOG_LEVEL", "LOG_FORMAT", "LOCK_TABLE_NAME", "PROTECTED_AZS", "DRAIN_MIN_SECONDS",
    "SERVICE_SUBNET_IDS", "SCALE_OUT_TIMEOUT_SECONDS", "MOUNT_TARGET_SETTLE_SECONDS", "MOUNT_TARGET_IP_ADDRESS_TYPE", "SCALE_IN_COOLDOWN_SECONDS",
}
# Required by the original contract: the module must always set these.
ALWAYS_SET = {
    "TARGET_DIRECTORY", "FILE_COUNT_THRESHOLD", "EFS_FILE_SYSTEM_ID", "VPC_ID", "SSM_PARAMETER_NAME",
    "ECS_CLUSTER_NAME", "ECS_SERVICE_NAME", "SECURITY_GROUP_ID", "STATE_PARAMETER_NAME", "LOG_FORMAT",
    "LOCK_TABLE_NAME", "PROTECTED_AZS",
}


def load(path: Path) -> dict:
    return hcl_document.load(path)


def blocks(parsed: dict, kind: str, type_name: str) -> dict[str, dict]:
    return {name: body for entry in parsed.get(kind, []) for t, named in entry.items() if t == type_name for name, body in named.items()}


def environment_block() -> str:
    text = (INFRA / "main.tf").read_text()
    start = text.index("autoscaler_environment = merge(")
    return text[start:text.index("var.extra_environment", start)]


def test_environment_uses_only_contract_names():
    names = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\s*=", environment_block()))
    assert names, "no environment names found"
    assert names - CONTRACT == set(), f"names outside DESIGN.md §6: {sorted(names - CONTRACT)}"


def test_environment_always_sets_the_original_names():
    unconditional = environment_block().split("},", 1)[0]
    names = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\s*=", unconditional))
    assert ALWAYS_SET <= names, f"missing: {sorted(ALWAYS_SET - names)}"


def test_provider_versions_are_bounded_everywhere():
    for versions in [INFRA / "versions.tf", *sorted((INFRA / "examples").glob("*/versions.tf"))]:
        # python-hcl2 wraps values in lists; the repr is enough to find the constraint.
        providers = str(load(versions)["terraform"][0]["required_providers"])
        found = re.search(r"'aws':.*?'version': \[?'([^']+)'", providers)
        assert found, f"{versions}: no aws provider version constraint"
        constraint = found.group(1)
        assert re.search(r">=\s*\d", constraint) and re.search(r"<\s*\d", constraint), f"{versions}: {constraint!r} is not a bounded range"


def test_every_variable_is_typed_and_described():
    for tf in [INFRA / "variables.tf", *sorted((INFRA / "examples").glob("*/variables.tf"))]:
        for name, body in [(n, b) for entry in load(tf).get("variable", []) for n, b in entry.items()]:
            assert "type" in body, f"{tf}: variable {name} has no type"
            assert str(body.get("description", "")).strip(), f"{tf}: variable {name} has no description"


@pytest.mark.parametrize("name", ["mount_targets", "state"])
def test_ssm_parameter_values_belong_to_the_autoscaler(name):
    parameter = blocks(load(INFRA / "ssm.tf"), "resource", "aws_ssm_parameter")[name]
    ignored = set(re.findall(r"\w+", str(parameter["lifecycle"][0]["ignore_changes"])))
    # The provider's update re-puts the refreshed value whenever any of these changes, which
    # would overwrite what the autoscaler wrote between plan and apply; only tags are safe.
    assert {"value", "insecure_value", "description", "tier", "type", "data_type", "allowed_pattern"} <= ignored


def test_two_controller_snippet_is_in_the_example_and_the_docs():
    service = blocks(load(INFRA / "examples" / "new-vpc" / "app.tf"), "resource", "aws_ecs_service")["app"]
    assert "network_configuration[0].subnets" in str(service["lifecycle"][0]["ignore_changes"])
    assert "ignore_changes = [network_configuration[0].subnets]" in (REPO / "docs" / "DEPLOY.md").read_text()


def test_log_groups_expire():
    for name, group in blocks(load(INFRA / "logs.tf"), "resource", "aws_cloudwatch_log_group").items():
        assert "retention_in_days" in group, name


def test_scale_burst_alarm_reads_the_emf_metric():
    alarm = blocks(load(INFRA / "alarms.tf"), "resource", "aws_cloudwatch_metric_alarm")["scale_actions_burst"]
    assert str(alarm["namespace"]).strip('"[]\'') == "EFSAutoscaler"
    assert str(alarm["metric_name"]).strip('"[]\'') == "ScaleActions"
    assert "FileSystemId" in str(alarm["dimensions"])


@pytest.mark.parametrize("metric", ["PendingOperationAgeSeconds", "LockLost", "DrainTimedOut"])
def test_the_autoscalers_own_figures_are_alarmed_on(metric):
    text = (INFRA / "alarms.tf").read_text()
    assert re.search(rf'\b{metric}\b', text), metric
    assert text.count('namespace           = "EFSAutoscaler"') >= 3


def test_worker_counts_only_by_default():
    variable = {n: b for e in load(INFRA / "variables.tf")["variable"] for n, b in e.items()}["worker_mode"]
    assert str(variable["default"]).strip("'\"") == "count-only"
    assert '"--count-only"' in (INFRA / "ecs.tf").read_text()


def test_sample_events_cover_the_event_contract():
    import json

    events = {p.name: json.loads(p.read_text()) for p in (REPO / "lambda" / "events").glob("*.json")}
    assert events["empty.json"] == {}
    assert events["dry-run.json"] == {"dry_run": True}
    assert events["doctor.json"] == {"action": "doctor"}
    assert events["plan.json"] == {"action": "plan"}
    assert events["scheduled-event.json"]["detail-type"] == "Scheduled Event"


@pytest.mark.parametrize("example", ["new-vpc", "existing-vpc"])
def test_example_tfvars_set_every_required_variable_and_nothing_else(example):
    directory = INFRA / "examples" / example
    declared = {n: b for entry in load(directory / "variables.tf").get("variable", []) for n, b in entry.items()}
    values = load(directory / "terraform.tfvars.example")
    unknown = set(values) - set(declared)
    assert not unknown, f"{example}: tfvars sets undeclared variables {sorted(unknown)}"
    required = {n for n, b in declared.items() if "default" not in b}
    assert required <= set(values), f"{example}: tfvars misses required {sorted(required - set(values))}"
