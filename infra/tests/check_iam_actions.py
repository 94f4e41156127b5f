#!/usr/bin/env python3
"""The IAM actions the Terraform grants the autoscaler must be exactly those its code calls.

Two sides:
- The code: every `AWSServiceRequest(service: .X, operation: "Y"` under the Swift service
  clients (default Sources/AWSServices) is the call `X:Y`, X mapped to the service's signing
  name, which is what `AWSServiceRequest.iamAction` signs and IAM authorizes. A file that
  names exactly one service may also build requests through a helper taking `operation:`;
  those calls are attributed to that service. An `operation: "..."` that cannot be attributed
  is an error, never skipped, and finding no call at all is an error too: the check must not
  pass because it read nothing.
- The Terraform: every `aws_iam_policy_document` attached with `aws_iam_role_policy` to one
  of the autoscaler's roles (the function's and the worker task's) in iam.tf.

Every role must grant every called action, and the roles together may grant nothing beyond
the called actions plus the documented allowlist of actions AWS requires on the caller's
behalf (transitive_actions.json, each with its reason and source). An allowlist entry no role
grants is stale and fails too.

Usage: check_iam_actions.py [--sources DIR] [--iam FILE] [--allowlist FILE] [--roles a,b]
       check_iam_actions.py --emit-policy ROLE [--iam FILE]
--emit-policy prints an IAM policy document granting ROLE's actions on "Resource": "*", for an
end-to-end run against the local emulator as a user with exactly these actions (the emulator
evaluates actions, not resource scoping).
Exit status: 0 when the sets agree, 1 when they do not, 2 when an input cannot be read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import hcl_document

# AWSService static members (Sources/AWSCore/Client/AWSService.swift) -> IAM signing names.
SIGNING_NAMES = {
    "efs": "elasticfilesystem",
    "ec2": "ec2",
    "ssm": "ssm",
    "ecs": "ecs",
    "sts": "sts",
    "dynamodb": "dynamodb",
}

DEFAULT_ROLES = ("lambda", "worker_task")

_STRING_OR_COMMENT = re.compile(r'"(?:\\.|[^"\\\n])*"|/\*.*?\*/|//[^\n]*', re.S)
_REQUEST = re.compile(
    r"AWSServiceRequest\s*\(\s*service\s*:\s*\.(?P<service>\w+)\s*,\s*operation\s*:\s*\"(?P<operation>[A-Za-z0-9]+)\"",
    re.S,
)
_OPERATION = re.compile(r"\boperation\s*:\s*\"(?P<operation>[A-Za-z0-9]+)\"")
_SERVICE_MENTION = re.compile(r"\bservice\s*:\s*\.(?P<service>\w+)\b|AWSService\.(?P<qualified>\w+)\b")


class CheckError(Exception):
    """An input the check cannot judge: it names the file and what is wrong."""


@dataclass(frozen=True)
class Call:
    action: str
    file: str
    line: int


def strip_comments(source: str) -> str:
    """Blank out comments but keep string literals and line numbers intact."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith('"'):
            return text
        return re.sub(r"[^\n]", " ", text)

    return _STRING_OR_COMMENT.sub(replace, source)


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _signing_name(service: str, where: str) -> str:
    if service not in SIGNING_NAMES:
        raise CheckError(f"{where}: unknown AWSService .{service} (known: {', '.join(sorted(SIGNING_NAMES))})")
    return SIGNING_NAMES[service]


def calls_in_source(source: str, file: str) -> list[Call]:
    """The AWS calls one Swift file makes; raises CheckError for an unattributable operation."""
    code = strip_comments(source)
    calls: list[Call] = []
    attributed: set[int] = set()
    for match in _REQUEST.finditer(code):
        line = _line_of(code, match.start())
        service = _signing_name(match.group("service"), f"{file}:{line}")
        calls.append(Call(f"{service}:{match.group('operation')}", file, line))
        attributed.add(match.start("operation"))

    services = {m.group("service") or m.group("qualified") for m in _SERVICE_MENTION.finditer(code)}
    services = {s for s in services if s in SIGNING_NAMES}
    for match in _OPERATION.finditer(code):
        # The operation string starts one character after the opening quote.
        if match.start("operation") in attributed:
            continue
        line = _line_of(code, match.start())
        if len(services) != 1:
            named = ", ".join(f".{s}" for s in sorted(services)) or "none"
            raise CheckError(
                f"{file}:{line}: operation \"{match.group('operation')}\" is not inside "
                f"AWSServiceRequest(service: .X, operation: ...) and the file names {named} services, "
                "so its IAM action cannot be derived"
            )
        service = _signing_name(next(iter(services)), f"{file}:{line}")
        calls.append(Call(f"{service}:{match.group('operation')}", file, line))
    return calls


def code_calls(sources: Path) -> list[Call]:
    if not sources.is_dir():
        raise CheckError(f"{sources}: not a directory of Swift service clients")
    calls: list[Call] = []
    for path in sorted(sources.rglob("*.swift")):
        calls.extend(calls_in_source(path.read_text(encoding="utf-8"), str(path)))
    return calls


# ---------------------------------------------------------------------------------------------
# Terraform
# ---------------------------------------------------------------------------------------------

def _strings(value: object) -> list[str]:
    """Every string in a python-hcl2 value, however deeply its versions nest lists."""
    if isinstance(value, str):
        text = value
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]
        return [text]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _single(value: object, what: str) -> str:
    strings = _strings(value)
    if len(strings) != 1:
        raise CheckError(f"{what}: expected one expression, found {strings!r}")
    return strings[0]


def _blocks(document: dict, kind: str) -> list[tuple[str, str, dict]]:
    """(type, name, body) of every `kind` block ("data" or "resource") in a parsed file."""
    found = []
    for entry in document.get(kind, []):
        for type_name, named in entry.items():
            for name, body in named.items():
                found.append((type_name, name, body))
    return found


_ROLE_REF = re.compile(r"^\$\{aws_iam_role\.(?P<role>\w+)\.(id|name)\}$")
_DOC_REF = re.compile(r"^\$\{data\.aws_iam_policy_document\.(?P<doc>\w+)(\[0\])?\.json\}$")
_ACTION = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9]+$")


def load_terraform(iam_tf: Path) -> dict:
    try:
        import hcl2  # noqa: F401  python-hcl2
    except ImportError as error:  # pragma: no cover - setup.sh installs it
        raise CheckError("python-hcl2 is not installed (scripts/setup.sh installs it)") from error
    try:
        return hcl_document.load(iam_tf)
    except FileNotFoundError as error:
        raise CheckError(f"{iam_tf}: no such file") from error
    except Exception as error:  # python-hcl2 raises lark errors of several types
        raise CheckError(f"{iam_tf}: does not parse as HCL: {error}") from error


def document_actions(name: str, body: dict, iam_tf: Path) -> set[str]:
    actions: set[str] = set()
    for statement in body.get("statement", []):
        if _strings(statement.get("effect", "Allow")) not in (["Allow"], []):
            continue
        if "not_actions" in statement:
            raise CheckError(f"{iam_tf}: data.aws_iam_policy_document.{name} uses not_actions, which grants an open-ended set")
        for action in _strings(statement.get("actions", [])):
            if not _ACTION.match(action):
                raise CheckError(
                    f"{iam_tf}: data.aws_iam_policy_document.{name} grants {action!r}: "
                    "only literal service:Action names (no wildcards, no expressions) can be checked"
                )
            actions.add(action)
    for key in ("source_policy_documents", "override_policy_documents", "source_json", "override_json"):
        if key in body:
            raise CheckError(f"{iam_tf}: data.aws_iam_policy_document.{name} merges {key}, which this check cannot see into")
    return actions


def granted_by_role(iam_tf: Path, roles: tuple[str, ...]) -> dict[str, dict[str, set[str]]]:
    """role -> {policy document name -> actions} for the given roles."""
    parsed = load_terraform(iam_tf)
    documents = {
        name: body
        for type_name, name, body in _blocks(parsed, "data")
        if type_name == "aws_iam_policy_document"
    }
    granted: dict[str, dict[str, set[str]]] = {role: {} for role in roles}
    for type_name, name, body in _blocks(parsed, "resource"):
        where = f"{iam_tf}: {type_name}.{name}"
        if type_name == "aws_iam_role" and name in roles and "inline_policy" in body:
            raise CheckError(f"{where} has inline_policy blocks; attach aws_iam_policy_document with aws_iam_role_policy instead")
        if type_name in ("aws_iam_role_policy_attachment", "aws_iam_policy_attachment"):
            role = _ROLE_REF.match(_single(body.get("role", body.get("roles")), where) or "")
            if role and role.group("role") in roles:
                raise CheckError(f"{where} attaches a managed policy to an autoscaler role; its actions cannot be checked")
        if type_name != "aws_iam_role_policy":
            continue
        role = _ROLE_REF.match(_single(body.get("role"), where))
        if not role:
            raise CheckError(f"{where}: role must reference aws_iam_role.<name>.id")
        if role.group("role") not in roles:
            continue
        document = _DOC_REF.match(_single(body.get("policy"), where))
        if not document:
            raise CheckError(f"{where}: policy must be data.aws_iam_policy_document.<name>.json to be checked")
        doc_name = document.group("doc")
        if doc_name not in documents:
            raise CheckError(f"{where}: data.aws_iam_policy_document.{doc_name} is not defined in {iam_tf}")
        granted[role.group("role")][doc_name] = document_actions(doc_name, documents[doc_name], iam_tf)
    for role, docs in granted.items():
        if not docs:
            raise CheckError(f"{iam_tf}: no aws_iam_role_policy attaches anything to aws_iam_role.{role}")
    return granted


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------

@dataclass
class Allowlist:
    transitive: dict[str, dict]
    no_permission: dict[str, dict]

    @classmethod
    def load(cls, path: Path) -> "Allowlist":
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CheckError(f"{path}: no such file") from error
        except json.JSONDecodeError as error:
            raise CheckError(f"{path}: not JSON: {error}") from error
        transitive = raw.get("transitive", {})
        no_permission = raw.get("no_permission_required", {})
        for section, entries in (("transitive", transitive), ("no_permission_required", no_permission)):
            for action, entry in entries.items():
                if not _ACTION.match(action):
                    raise CheckError(f"{path}: {section}: {action!r} is not a service:Action name")
                if not entry.get("reason") or not entry.get("source"):
                    raise CheckError(f"{path}: {section}: {action} needs a written reason and a source")
        return cls(transitive, no_permission)


@dataclass
class Report:
    called: dict[str, list[Call]]
    granted: dict[str, dict[str, set[str]]]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def compare(calls: list[Call], granted: dict[str, dict[str, set[str]]], allowlist: Allowlist) -> Report:
    called: dict[str, list[Call]] = {}
    for call in calls:
        called.setdefault(call.action, []).append(call)
    report = Report(called, granted)
    if not called:
        report.problems.append(
            "the Swift service clients make no AWS call at all: nothing to compare "
            "(are the clients missing, or did their call sites change shape?)"
        )
        return report
    needed = set(called) - set(allowlist.no_permission)
    union: set[str] = set()
    for role, documents in sorted(granted.items()):
        role_actions = set().union(*documents.values())
        union |= role_actions
        for action in sorted(needed - role_actions):
            first = called[action][0]
            report.problems.append(f"missing: aws_iam_role.{role} lacks {action}, called at {first.file}:{first.line}")
        allowed_here = {a for a, entry in allowlist.transitive.items() if role in entry.get("roles", [])}
        for action in sorted(role_actions - set(called) - allowed_here):
            holders = sorted(doc for doc, actions in documents.items() if action in actions)
            why = "is transitive for other roles only" if action in allowlist.transitive else "is not in the transitive allowlist"
            report.problems.append(
                f"extra: aws_iam_role.{role} is granted {action} (data.aws_iam_policy_document.{', '.join(holders)}) "
                f"but no service client calls it and it {why}"
            )
    for action in sorted(set(allowlist.transitive) - union):
        report.problems.append(f"stale allowlist: {action} is listed as transitive but no autoscaler role grants it")
    for action in sorted(set(allowlist.no_permission) & union):
        report.problems.append(f"extra: {action} needs no IAM permission (allowlist no_permission_required) yet a role grants it")
    return report


def emulator_policy(documents: dict[str, set[str]]) -> dict:
    """One Allow statement with every action the role holds, on every resource."""
    actions = sorted(set().union(*documents.values()))
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}


def render(report: Report, allowlist: Allowlist) -> str:
    lines = ["actions the code calls:"]
    for action, calls in sorted(report.called.items()):
        note = " (needs no IAM permission)" if action in allowlist.no_permission else ""
        lines.append(f"  {action}{note}  [{len(calls)} mention(s), first {calls[0].file}:{calls[0].line}]")
    for role, documents in sorted(report.granted.items() if report.called else []):
        actions = set().union(*documents.values()) if documents else set()
        transitive = sorted(actions - set(report.called))
        lines.append(f"aws_iam_role.{role}: {len(actions)} actions, transitive: {', '.join(transitive) or 'none'}")
    if report.ok:
        lines.append("iam-actions: OK, the Terraform grants exactly what the code calls (plus the documented transitive actions)")
    else:
        lines.extend(f"iam-actions: {problem}" for problem in report.problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    repo = here.parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=repo / "Sources" / "AWSServices")
    parser.add_argument("--iam", type=Path, default=repo / "infra" / "iam.tf")
    parser.add_argument("--allowlist", type=Path, default=here / "transitive_actions.json")
    parser.add_argument("--roles", default=",".join(DEFAULT_ROLES))
    parser.add_argument("--emit-policy", metavar="ROLE")
    args = parser.parse_args(argv)
    if args.emit_policy:
        try:
            granted = granted_by_role(args.iam, (args.emit_policy,))
        except CheckError as error:
            print(f"iam-actions: {error}", file=sys.stderr)
            return 2
        print(json.dumps(emulator_policy(granted[args.emit_policy]), indent=2))
        return 0
    try:
        allowlist = Allowlist.load(args.allowlist)
        calls = code_calls(args.sources)
        granted = granted_by_role(args.iam, tuple(r for r in args.roles.split(",") if r))
    except CheckError as error:
        print(f"iam-actions: {error}", file=sys.stderr)
        return 2
    report = compare(calls, granted, allowlist)
    print(render(report, allowlist))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
