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


@cache
def _validator(name: str, definition: str | None = None) -> Any:
    import jsonschema  # imported here: it is slow to import and only needed on import/append
    from referencing import Registry, Resource

    journal = schema("journal")
    registry = Registry().with_resource(journal["$id"], Resource.from_contents(journal))
    target = schema(name)
    if definition is not None:
        target = {"$ref": f"{journal['$id']}#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(target, registry=registry)


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
