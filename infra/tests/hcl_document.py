"""python-hcl2's parse of a Terraform file, in one shape whatever its major version.

python-hcl2 7.x returns block labels and string literals bare (`aws_iam_role`, `Allow`);
8.x keeps their quotes (`"aws_iam_role"`, `"Allow"`) and adds metadata keys (`__is_block__`, `__comments__`).
The checks here were written against the bare shape and broke silently-by-failing when a
fresh machine resolved 8.x, so every reader goes through `load`, which strips one layer of
quotes from keys and literals and drops the metadata keys. Interpolations (`${...}`) are untouched.
"""
from __future__ import annotations

from pathlib import Path



def _is_metadata(key: str) -> bool:
    """python-hcl2's own keys (`__is_block__`, `__comments__`, `__start_line__`, ...)."""
    return key.startswith("__") and key.endswith("__")


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def normalise(value: object) -> object:
    """The 7.x shape of a parsed value: bare labels and literals, no metadata keys."""
    if isinstance(value, dict):
        return {_unquote(key): normalise(item) for key, item in value.items() if not _is_metadata(key)}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, str):
        return _unquote(value)
    return value


def load(path: Path) -> dict:
    """Parses `path` with python-hcl2 and normalises the result (raises what hcl2 raises)."""
    import hcl2  # python-hcl2; imported here so a missing module is reported by the caller

    with path.open(encoding="utf-8") as handle:
        parsed = normalise(hcl2.load(handle))
    assert isinstance(parsed, dict)
    return parsed
