"""Reading journal files: bytes to a current-schema document, or a one-line reason to refuse.

Two levels: `read_document` checks everything against the JSON Schema (for files offered for
import, which may come from anywhere); `quick_check` checks only what the store needs, so the
store's own file, written atomically by this code, loads about as fast as `json.load`.
"""

from __future__ import annotations

import json
from typing import Any

from kfcourse.journal.errors import RefusedFile
from kfcourse.journal.migrations import migrate
from kfcourse.journal.schema import KINDS, problems

MAX_BYTES = 64 * 1024 * 1024  # a journal of 10,000 long entries is a few MB


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a journal")


def parse_json(data: bytes) -> Any:
    """Decode UTF-8 JSON text strictly (no NaN or Infinity), refusing with a readable reason."""
    if len(data) > MAX_BYTES:
        raise RefusedFile(
            f"the file is {len(data) // (1024 * 1024)} MB, larger than any journal "
            f"({MAX_BYTES // (1024 * 1024)} MB at most)"
        )
    if not data.strip():
        raise RefusedFile("the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RefusedFile(
            f"the file is not UTF-8 text (byte {exc.start} cannot be read); "
            "a journal is a .json file"
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise RefusedFile(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:
        raise RefusedFile(f"the file is not valid JSON ({exc})") from None
    except RecursionError:
        raise RefusedFile("the file is not a journal: it is nested too deeply") from None


def read_document(data: bytes) -> tuple[dict[str, Any], int]:
    """A fully checked journal from `data`, migrated to the current schema, and its old version."""
    raw = parse_json(data)
    document, version = migrate(raw)
    found = problems(document)
    if found:
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise RefusedFile(f"the file does not fit the journal format: {found[0]}{more}")
    return document, version


def quick_check(document: dict[str, Any]) -> None:
    """The checks the store relies on: an entries list of objects with a string id and a kind."""
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise RefusedFile('the journal has no "entries" list')
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise RefusedFile(f"entries[{position}] is not an object")
        if not isinstance(entry.get("id"), str) or entry.get("kind") not in KINDS:
            raise RefusedFile(f"entries[{position}] has no id or an unknown kind")
        if not isinstance(entry.get("updated"), str):
            raise RefusedFile(f"entries[{position}] has no updated time")


def read_own_file(data: bytes) -> tuple[dict[str, Any], int]:
    """The store's own file: parsed, migrated if old, quickly checked (full check if migrated)."""
    raw = parse_json(data)
    document, version = migrate(raw)
    if version != document.get("schema_version"):
        found = problems(document)
        if found:
            raise RefusedFile(f"the old journal could not be brought up to date: {found[0]}")
    else:
        quick_check(document)
    return document, version


def dumps_document(document: dict[str, Any]) -> str:
    """The journal as JSON text: top-level fields first, then one entry per line.

    Readable in a text editor and fast to write (each entry goes through the C encoder).
    """
    first = ("format", "schema_version")
    head = {key: document[key] for key in first if key in document}
    head.update((k, v) for k, v in document.items() if k != "entries" and k not in first)
    lines = [
        f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)},"
        for k, v in head.items()
    ]
    parts = ["{\n", *(line + "\n" for line in lines), ' "entries": [']
    entries = document.get("entries", [])
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if entries:
        parts.append("\n  " + ",\n  ".join(dump(entry) for entry in entries) + "\n ")
    parts.append("]\n}\n")
    return "".join(parts)
