"""The loader gives the checks one shape of parse whichever python-hcl2 major version is installed."""
from __future__ import annotations

from pathlib import Path

import hcl_document

# What python-hcl2 7.x and 8.x return for the same aws_iam_role_policy and policy document.
SEVEN = {
    "resource": [{"aws_iam_role_policy": {"lambda": {"role": "${aws_iam_role.lambda.id}", "policy": "${data.aws_iam_policy_document.autoscaler.json}"}}}],
    "data": [{"aws_iam_policy_document": {"autoscaler": {"statement": [{"effect": "Allow", "actions": ["ssm:GetParameter"], "resources": ["*"]}]}}}],
}
EIGHT = {
    "resource": [{'"aws_iam_role_policy"': {'"lambda"': {"role": "${aws_iam_role.lambda.id}", "policy": "${data.aws_iam_policy_document.autoscaler.json}", "__is_block__": True}}}],
    "data": [{'"aws_iam_policy_document"': {'"autoscaler"': {"statement": [{"effect": '"Allow"', "actions": ['"ssm:GetParameter"'], "resources": ['"*"'], "__is_block__": True}], "__is_block__": True}}}],
    "__comments__": ["# a comment"],
}


def test_eight_normalises_to_seven():
    assert hcl_document.normalise(EIGHT) == SEVEN


def test_seven_is_left_as_it_is():
    assert hcl_document.normalise(SEVEN) == SEVEN


def test_only_one_layer_of_quotes_and_no_interpolation_is_touched():
    assert hcl_document.normalise(['""quoted""', "${var.x}", '"', "", 3, None]) == ['"quoted"', "${var.x}", '"', "", 3, None]


def test_load_reads_a_real_file_into_the_bare_shape(tmp_path: Path):
    tf = tmp_path / "main.tf"
    tf.write_text('# comment\nresource "aws_iam_role" "lambda" {\n  name = "efs-autoscaler"\n}\n', encoding="utf-8")
    parsed = hcl_document.load(tf)
    assert parsed["resource"] == [{"aws_iam_role": {"lambda": {"name": "efs-autoscaler"}}}]
    assert set(parsed) == {"resource"}
