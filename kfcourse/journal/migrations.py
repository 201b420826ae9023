"""Migrations from every earlier journal format to the current one (schema 1).

Version 0 is the prototype's draft format: `{"app": "kfcourse", "version": 0, "learner": ...,
"sessions": [...], "reflections": [...], "ratings": [...]}` with times in seconds since 1970
and no entry ids. Migration gives each old item a stable id derived from its content, so
migrating or importing the same old file twice yields the same entries (no duplicates).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from kfcourse.journal.clock import from_epoch, now
from kfcourse.journal.errors import NewerVersion, RefusedFile
from kfcourse.journal.schema import CLASS_FORMAT, FORMAT, SCHEMA_VERSION

Document = dict[str, Any]

# Namespace for ids of migrated version-0 items (a fixed random UUID; never change it).
V0_NAMESPACE = uuid.UUID("5f0c8d4e-2b7a-4c1e-9d3f-6a8b0e1c2d4f")
V0_COURSE_VERSION = "0.0"
UNKNOWN_HASH = "unknown:00000000"
_V0_SIDES = {"doctor": "doctor", "clinician": "doctor", "patient": "patient"}
_V0_VARIANTS = {"doctor": "clinician", "clinician": "clinician", "patient": "patient"}
_V0_MOMENTS = {"pre": "before", "post": "after"}


def detect_version(document: Any) -> int:
    """The schema version of `document`, or RefusedFile with the reason it is not a journal."""
    if not isinstance(document, dict):
        kind = type(document).__name__.replace("dict", "object").replace("list", "list")
        raise RefusedFile(
            f"not a Leading Together journal: the file holds a JSON {kind}, not an object"
        )
    marker = document.get("format")
    if marker == CLASS_FORMAT:
        raise RefusedFile(
            "this is a class export (for an instructor's class report), "
            "not a journal: use `kfcourse class-report` for it"
        )
    if marker == FORMAT:
        version = document.get("schema_version")
        if type(version) is not int or version < 1:
            raise RefusedFile(
                f"the journal's schema_version is {version!r}, "
                "which is not a version number this course knows"
            )
        if version > SCHEMA_VERSION:
            raise NewerVersion(
                f"this journal was written by a newer version of the course "
                f"(schema {version}; this one reads up to {SCHEMA_VERSION}): "
                "update kfcourse to read it"
            )
        return version
    if document.get("app") == "kfcourse" and document.get("version") == 0:
        return 0
    if marker is not None:
        raise RefusedFile(
            f"not a Leading Together journal: its format is {str(marker)[:60]!r}, not {FORMAT!r}"
        )
    raise RefusedFile(f'not a Leading Together journal: it has no "format": "{FORMAT}" marker')


def _stable_id(kind: str, item: Any) -> str:
    text = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
    return str(uuid.uuid5(V0_NAMESPACE, f"{kind}:{text}"))


def _v0_time(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return from_epoch(float(value))
            except (OverflowError, OSError, ValueError):
                break
    return "1970-01-01T00:00:00.000000Z"


def _v0_list(document: Document, key: str) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RefusedFile(f"this version-0 journal is damaged: {key!r} is not a list of objects")
    return value


def _v0_to_v1(document: Document) -> Document:
    entries: list[dict[str, Any]] = []

    def base(kind: str, item: dict[str, Any], *time_keys: str) -> dict[str, Any]:
        stamp = _v0_time(item, *time_keys)
        return {
            "id": _stable_id(kind, item),
            "kind": kind,
            "created": stamp,
            "updated": stamp,
            "course_version": V0_COURSE_VERSION,
            "source": "import",
        }

    for item in _v0_list(document, "sessions"):
        entry = base("roleplay", item, "started", "time")
        entry["scenario_id"] = str(item.get("scenario") or "unknown")
        entry["scenario_hash"] = UNKNOWN_HASH
        role = str(item.get("role") or "unknown")
        entry["side"] = _V0_SIDES.get(role, role)
        trace = []
        choices = item.get("choices")
        for step in choices if isinstance(choices, list) else []:
            if isinstance(step, list | tuple) and len(step) >= 2:
                trace.append({"point": str(step[0]), "choice": str(step[1])})
        entry["trace"] = trace
        if isinstance(item.get("final"), dict):
            entry["measures_end"] = {
                str(k): v
                for k, v in item["final"].items()
                if isinstance(v, int | float) and not isinstance(v, bool)
            }
        if item.get("ending") is not None:
            entry["ending"] = str(item["ending"])
            entry["completed"] = True
        entries.append(entry)

    for item in _v0_list(document, "reflections"):
        entry = base("reflection", item, "time")
        if isinstance(item.get("gibbs"), dict):
            entry["model"] = "gibbs"
            entry["stages"] = {str(k): str(v) for k, v in item["gibbs"].items()}
            v0_role = item.get("role")
            entry["variant"] = _V0_VARIANTS.get(str(v0_role)) if v0_role else None
        else:
            entry["model"] = "free"
            entry["text"] = str(item.get("text") or "")
            if item.get("prompt"):
                entry["prompt"] = str(item["prompt"])
        entries.append(entry)

    for item in _v0_list(document, "ratings"):
        entry = base("self_rating", item, "time")
        entry["instrument"] = str(item.get("check") or "unknown")
        when = item.get("when")
        entry["moment"] = _V0_MOMENTS.get(str(when), "single")
        given = item.get("scores")
        scores: dict[Any, Any] = given if isinstance(given, dict) else {}
        entry["items"] = [
            {
                "item": str(k),
                "value": v if isinstance(v, int | float) and not isinstance(v, bool) else None,
            }
            for k, v in scores.items()
        ]
        entries.append(entry)

    migrated: Document = {
        "format": FORMAT,
        "schema_version": 1,
        "created": _v0_time(document, "created", "saved"),
        "updated": now(),
        "course_version": V0_COURSE_VERSION,
        "entries": entries,
    }
    if isinstance(document.get("learner"), str):
        migrated["display_name"] = document["learner"][:200]
    return migrated


# version n -> function turning a version-n document into version n+1
MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1}


def migrate(document: Any) -> tuple[Document, int]:
    """`document` brought to the current schema, and the version it started at."""
    start = version = detect_version(document)
    while version < SCHEMA_VERSION:
        try:
            document = MIGRATIONS[version](document)
        except RefusedFile:
            raise
        except (TypeError, ValueError, AttributeError, KeyError) as exc:  # damaged old file
            raise RefusedFile(
                f"this version-{version} journal is damaged and cannot be converted ({exc})"
            ) from None
        version += 1
    return document, start
