"""The shipped JSON Schemas and the checks built on them (validation with readable reasons)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

FORMAT = "kfcourse-journal"
CLASS_FORMAT = "kfcourse-class-export"
SCHEMA_VERSION = 1
KINDS = ("roleplay", "reflection", "self_rating", "exercise_answer")
GIBBS_STAGES = ("description", "feelings", "evaluation", "analysis", "conclusion", "action_plan")
SHORT_STAGES = ("what_happened", "feelings", "concept", "next")

_FILES = {
    "journal": "journal-v1.schema.json",
    "class": "class-export-v1.schema.json",
}


@cache
def schema(name: str = "journal") -> dict[str, Any]:
    """The JSON Schema `name` ("journal" or "class") as a dict."""
    text = resources.files("kfcourse.journal").joinpath("schema", _FILES[name]).read_text("utf-8")
    return json.loads(text)


def _inline(node: Any, defs: dict[str, Any], prefixes: tuple[str, ...]) -> Any:
    """`node` with every reference to the journal's $defs replaced by the definition itself.

    The schemas have no recursive references, and a validator that never has to look a
    reference up is several times faster (it runs on every append).
    """
    if isinstance(node, list):
        return [_inline(item, defs, prefixes) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(value, defs, prefixes) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str):
        prefix = next((p for p in prefixes if ref.startswith(p)), None)
        if prefix is None:
            raise ValueError(f"unexpected reference {ref}")
        target = _inline(defs[ref[len(prefix) :]], defs, prefixes)
        if set(out) & set(target):
            return {**out, "allOf": [target]}
        return {**out, **target}
    return out


def inlined(name: str, definition: str | None = None) -> dict[str, Any]:
    """The schema `name` (or one of the journal's definitions) with every reference inlined."""
    journal = schema("journal")
    prefixes = ("#/$defs/", f"{journal['$id']}#/$defs/")
    target = schema(name) if definition is None else journal["$defs"][definition]
    return _inline({k: v for k, v in target.items() if k != "$defs"}, journal["$defs"],
                   prefixes)  # fmt: skip


@cache
def _validator(name: str, definition: str | None = None) -> Any:
    import jsonschema  # imported here: it is slow to import and only needed on import/append

    return jsonschema.Draft202012Validator(inlined(name, definition))


def _where(path: Any) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".") or "the top level"


def problems(document: Any, name: str = "journal", definition: str | None = None) -> list[str]:
    """Readable problems found by the schema, e.g. "entries[3].side: is a required property"."""
    validator = _validator(name, definition)
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path))):
        message = error.message
        if len(message) > 160:
            message = message[:157] + "..."
        found.append(f"{_where(error.absolute_path)}: {message}")
    return found


def entry_problems(entry: Any) -> list[str]:
    """Problems with one entry, checked against the journal schema's entry definition."""
    return problems(entry, "journal", "entry")
