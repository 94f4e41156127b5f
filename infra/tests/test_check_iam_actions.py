"""Tests of the IAM action check's parsers and comparison, on fixtures and on the real iam.tf."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import check_iam_actions as check

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "swift"
IAM_TF = HERE.parent / "iam.tf"
ALLOWLIST = HERE / "transitive_actions.json"

EXPECTED_CALLS = {
    "elasticfilesystem:DescribeFileSystems",
    "elasticfilesystem:DescribeMountTargets",
    "elasticfilesystem:CreateMountTarget",
    "elasticfilesystem:DeleteMountTarget",
    "elasticfilesystem:DescribeMountTargetSecurityGroups",
    "elasticfilesystem:ModifyMountTargetSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeSecurityGroups",
    "ssm:GetParameter",
    "ssm:PutParameter",
    "ecs:DescribeServices",
    "ecs:UpdateService",
    "ecs:ListTasks",
    "ecs:DescribeTasks",
    "ecs:DescribeContainerInstances",
    "dynamodb:GetItem",
    "dynamodb:UpdateItem",
}


def actions(calls):
    return {c.action for c in calls}


# ---- Swift side -----------------------------------------------------------------------------

def test_fixture_clients_yield_exactly_the_expected_calls():
    assert actions(check.code_calls(FIXTURES)) == EXPECTED_CALLS


def test_call_spread_over_lines_is_found_with_its_line():
    source = 'let r = AWSServiceRequest(\n    service: .efs,\n\n    operation:   "CreateMountTarget",\n idempotent: false)'
    [call] = check.calls_in_source(source, "X.swift")
    assert call.action == "elasticfilesystem:CreateMountTarget"
    assert call.line == 1


def test_commented_out_calls_do_not_count():
    source = (
        '// AWSServiceRequest(service: .efs, operation: "DeleteFileSystem"\n'
        '/* AWSServiceRequest(service: .ec2, operation: "TerminateInstances" */\n'
        '/// operation: "RunInstances"\n'
        'AWSServiceRequest(service: .ssm, operation: "GetParameter", idempotent: true)\n'
    )
    assert actions(check.calls_in_source(source, "X.swift")) == {"ssm:GetParameter"}


def test_comment_markers_inside_strings_do_not_hide_code():
    source = 'let url = "https://example.com/a"; AWSServiceRequest(service: .ecs, operation: "UpdateService", idempotent: false)'
    assert actions(check.calls_in_source(source, "X.swift")) == {"ecs:UpdateService"}


def test_helper_operation_is_attributed_to_the_files_only_service():
    source = (
        "func request(operation: String) -> AWSServiceRequest { AWSServiceRequest(service: .ec2, operation: operation, idempotent: true) }\n"
        'let a = request(operation: "DescribeSubnets")\n'
    )
    assert actions(check.calls_in_source(source, "X.swift")) == {"ec2:DescribeSubnets"}


def test_helper_operation_in_a_file_with_two_services_is_an_error():
    source = (
        'let a = AWSServiceRequest(service: .ssm, operation: "GetParameter", idempotent: true)\n'
        'let b = AWSServiceRequest(service: .ecs, operation: "UpdateService", idempotent: true)\n'
        'let c = helper(operation: "DescribeServices")\n'
    )
    with pytest.raises(check.CheckError, match=r'X\.swift:3: operation "DescribeServices"'):
        check.calls_in_source(source, "X.swift")


def test_helper_operation_in_a_file_without_a_service_is_an_error():
    with pytest.raises(check.CheckError, match="names none services"):
        check.calls_in_source('helper(operation: "DescribeSubnets")', "X.swift")


def test_unknown_service_is_an_error():
    with pytest.raises(check.CheckError, match=r"unknown AWSService \.s3"):
        check.calls_in_source('AWSServiceRequest(service: .s3, operation: "GetObject", idempotent: true)', "X.swift")


def test_sts_maps_to_its_signing_name():
    source = 'AWSServiceRequest(service: .sts, operation: "GetCallerIdentity", idempotent: true)'
    assert actions(check.calls_in_source(source, "X.swift")) == {"sts:GetCallerIdentity"}


def test_missing_source_directory_is_an_error(tmp_path):
    with pytest.raises(check.CheckError, match="not a directory"):
        check.code_calls(tmp_path / "nope")


# ---- Terraform side -------------------------------------------------------------------------

def test_real_iam_tf_grants_both_roles_the_called_actions():
    granted = check.granted_by_role(IAM_TF, check.DEFAULT_ROLES)
    for role in check.DEFAULT_ROLES:
        role_actions = set().union(*granted[role].values())
        assert EXPECTED_CALLS <= role_actions, role
    # The execution role (ECR pull, logs) is not the autoscaler's and is not read.
    assert "worker_execution" not in granted


def test_real_iam_tf_lambda_has_vpc_actions_and_worker_does_not():
    granted = check.granted_by_role(IAM_TF, check.DEFAULT_ROLES)
    lambda_actions = set().union(*granted["lambda"].values())
    worker_actions = set().union(*granted["worker_task"].values())
    assert "ec2:AssignPrivateIpAddresses" in lambda_actions
    assert "ec2:AssignPrivateIpAddresses" not in worker_actions
    assert "logs:PutLogEvents" not in worker_actions


def write_tf(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "iam.tf"
    path.write_text(text)
    return path


ROLE_AND_DOC = '''
resource "aws_iam_role" "lambda" {{
  name = "x"
  assume_role_policy = "{{}}"
}}
data "aws_iam_policy_document" "doc" {{
  statement {{
    actions   = [{actions}]
    resources = ["*"]
  }}
  statement {{
    effect    = "Deny"
    actions   = ["ssm:DeleteParameter"]
    resources = ["*"]
  }}
}}
resource "aws_iam_role_policy" "p" {{
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.doc.json
}}
'''


def test_deny_statements_are_not_grants(tmp_path):
    tf = write_tf(tmp_path, ROLE_AND_DOC.format(actions='"ssm:GetParameter"'))
    assert check.granted_by_role(tf, ("lambda",)) == {"lambda": {"doc": {"ssm:GetParameter"}}}


def test_wildcard_actions_cannot_be_checked(tmp_path):
    tf = write_tf(tmp_path, ROLE_AND_DOC.format(actions='"ssm:*"'))
    with pytest.raises(check.CheckError, match="ssm:\\*"):
        check.granted_by_role(tf, ("lambda",))


def test_role_without_policies_is_an_error(tmp_path):
    tf = write_tf(tmp_path, ROLE_AND_DOC.format(actions='"ssm:GetParameter"'))
    with pytest.raises(check.CheckError, match="aws_iam_role.worker_task"):
        check.granted_by_role(tf, ("lambda", "worker_task"))


def test_managed_policy_attachment_to_an_autoscaler_role_is_an_error(tmp_path):
    text = ROLE_AND_DOC.format(actions='"ssm:GetParameter"') + '''
resource "aws_iam_role_policy_attachment" "m" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
'''
    with pytest.raises(check.CheckError, match="managed policy"):
        check.granted_by_role(write_tf(tmp_path, text), ("lambda",))


def test_unparseable_terraform_names_the_file(tmp_path):
    tf = write_tf(tmp_path, 'resource "x" {')
    with pytest.raises(check.CheckError, match="iam.tf: does not parse"):
        check.granted_by_role(tf, ("lambda",))


# ---- Comparison -----------------------------------------------------------------------------

def allowlist(**transitive_roles):
    return check.Allowlist(
        {a: {"roles": roles, "reason": "r", "source": "s"} for a, roles in transitive_roles.items()},
        {"sts:GetCallerIdentity": {"reason": "r", "source": "s"}},
    )


def calls(*names):
    return [check.Call(n, "F.swift", i + 1) for i, n in enumerate(names)]


def test_equal_sets_pass():
    report = check.compare(calls("ssm:GetParameter"), {"lambda": {"d": {"ssm:GetParameter"}}}, allowlist())
    assert report.ok, report.problems


def test_zero_calls_fail():
    report = check.compare([], {"lambda": {"d": {"ssm:GetParameter"}}}, allowlist())
    assert not report.ok
    assert "no AWS call" in report.problems[0]


def test_missing_action_is_reported_with_its_call_site():
    report = check.compare(calls("ssm:GetParameter", "ssm:PutParameter"), {"lambda": {"d": {"ssm:GetParameter"}}}, allowlist())
    assert report.problems == ["missing: aws_iam_role.lambda lacks ssm:PutParameter, called at F.swift:2"]


def test_action_missing_from_one_role_only_is_reported():
    granted = {"lambda": {"d": {"ssm:GetParameter"}}, "worker_task": {"d": set()}}
    report = check.compare(calls("ssm:GetParameter"), granted, allowlist())
    assert report.problems == ["missing: aws_iam_role.worker_task lacks ssm:GetParameter, called at F.swift:1"]


def test_extra_action_is_reported():
    granted = {"lambda": {"d": {"ssm:GetParameter", "ssm:DeleteParameter"}}}
    report = check.compare(calls("ssm:GetParameter"), granted, allowlist())
    assert len(report.problems) == 1 and report.problems[0].startswith("extra: aws_iam_role.lambda is granted ssm:DeleteParameter")


def test_transitive_action_is_allowed_only_for_its_roles():
    granted = {"lambda": {"d": {"ssm:GetParameter", "logs:PutLogEvents"}}, "worker_task": {"d": {"ssm:GetParameter", "logs:PutLogEvents"}}}
    report = check.compare(calls("ssm:GetParameter"), granted, allowlist(**{"logs:PutLogEvents": ["lambda"]}))
    assert len(report.problems) == 1
    assert "aws_iam_role.worker_task is granted logs:PutLogEvents" in report.problems[0]
    assert "transitive for other roles only" in report.problems[0]


def test_stale_allowlist_entry_is_reported():
    report = check.compare(calls("ssm:GetParameter"), {"lambda": {"d": {"ssm:GetParameter"}}}, allowlist(**{"ec2:CreateNetworkInterface": ["lambda"]}))
    assert report.problems == ["stale allowlist: ec2:CreateNetworkInterface is listed as transitive but no autoscaler role grants it"]


def test_call_needing_no_permission_is_not_missing():
    report = check.compare(calls("ssm:GetParameter", "sts:GetCallerIdentity"), {"lambda": {"d": {"ssm:GetParameter"}}}, allowlist())
    assert report.ok, report.problems


def test_allowlist_entry_without_reason_is_rejected(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"transitive": {"ec2:CreateNetworkInterface": {"roles": ["lambda"], "source": "s"}}}))
    with pytest.raises(check.CheckError, match="needs a written reason"):
        check.Allowlist.load(path)


# ---- End to end through main() --------------------------------------------------------------

def test_main_passes_on_fixtures_and_real_terraform(capsys):
    assert check.main(["--sources", str(FIXTURES)]) == 0
    assert "iam-actions: OK" in capsys.readouterr().out


def test_main_fails_when_the_code_calls_something_not_granted(tmp_path, capsys):
    sources = tmp_path / "Sources"
    shutil.copytree(FIXTURES, sources)
    (sources / "Extra.swift").write_text('AWSServiceRequest(service: .efs, operation: "PutLifecycleConfiguration", idempotent: true)')
    assert check.main(["--sources", str(sources)]) == 1
    out = capsys.readouterr().out
    assert "missing: aws_iam_role.lambda lacks elasticfilesystem:PutLifecycleConfiguration" in out
    assert "missing: aws_iam_role.worker_task lacks elasticfilesystem:PutLifecycleConfiguration" in out


def test_main_fails_when_the_code_stops_calling_a_granted_action(tmp_path, capsys):
    sources = tmp_path / "Sources"
    shutil.copytree(FIXTURES, sources)
    ec2 = sources / "EC2ClientSample.swift"
    ec2.write_text(ec2.read_text().replace('request(operation: "DescribeAvailabilityZones", parameters: [])', "fatalError()"))
    assert check.main(["--sources", str(sources)]) == 1
    assert "extra: aws_iam_role.lambda is granted ec2:DescribeAvailabilityZones" in capsys.readouterr().out


def test_main_fails_on_an_empty_source_tree(tmp_path, capsys):
    (tmp_path / "Placeholder.swift").write_text("// placeholder\n")
    assert check.main(["--sources", str(tmp_path)]) == 1
    assert "no AWS call" in capsys.readouterr().out


def test_main_reports_unreadable_input_with_exit_2(tmp_path, capsys):
    assert check.main(["--sources", str(FIXTURES), "--iam", str(tmp_path / "missing.tf")]) == 2
    assert "missing.tf: no such file" in capsys.readouterr().err


def test_emit_policy_lists_the_roles_actions_on_every_resource(capsys):
    assert check.main(["--emit-policy", "worker_task"]) == 0
    policy = json.loads(capsys.readouterr().out)
    [statement] = policy["Statement"]
    assert statement["Resource"] == "*" and statement["Effect"] == "Allow"
    assert EXPECTED_CALLS <= set(statement["Action"])
    assert "logs:PutLogEvents" not in statement["Action"]


def test_emit_policy_for_an_unknown_role_fails(capsys):
    assert check.main(["--emit-policy", "nobody"]) == 2
    assert "aws_iam_role.nobody" in capsys.readouterr().err
