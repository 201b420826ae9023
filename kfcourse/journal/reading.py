"""Reading journal files: bytes to a current-schema document, or a one-line reason to refuse.

Two levels: `read_document` checks everything against the JSON Schema (for files offered for
import, which may come from anywhere); `quick_check` checks only what the store needs, so the
store's own file, written atomically by this code, loads about as fast as `json.load`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from kfcourse.journal.errors import RefusedFile
from kfcourse.journal.migrations import migrate
from kfcourse.journal.schema import KINDS, problems

MAX_BYTES = 64 * 1024 * 1024  # a journal of 10,000 long entries is a few MB
"""The one size limit: the store writes no journal larger, and reads or imports none larger."""
MAX_DEPTH = 64
"""The one nesting limit (lists and objects inside one another, the whole file counting as 1).

The browser's journal (kf-journal-core.js) holds the same number; tests check both agree.
"""

ENTRY_DEPTH = MAX_DEPTH - 2  # an entry sits inside the document's "entries" list


def megabytes(size: int) -> str:
    """A size for the learner, e.g. "65 MB" (rounded up: a size over a limit never reads equal)."""
    return f"{-(-size // (1024 * 1024))} MB"


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True if `value` nests lists and objects more than `limit` levels deep.

    Recursion stops at `limit`, so it never goes deeper than the limit allows; about half the
    time `json.loads` takes on the same journal.
    """
    kind = type(value)
    return (kind is dict or kind is list) and _deeper_than(value, limit)


def _deeper_than(node: Any, room: int) -> bool:
    """True if the container `node`, with `room` levels left for it and its contents, overflows."""
    if room <= 0:
        return True
    for child in node.values() if type(node) is dict else node:
        kind = type(child)
        if (kind is dict or kind is list) and _deeper_than(child, room - 1):
            return True
    return False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a journal")


def parse_json(data: bytes) -> Any:
    """Decode UTF-8 JSON text strictly (no NaN or Infinity), refusing with a readable reason."""
    if len(data) > MAX_BYTES:
        raise RefusedFile(
            f"the file is {megabytes(len(data))}, larger than any journal "
            f"({megabytes(MAX_BYTES)} at most)"
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
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise RefusedFile(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:
        raise RefusedFile(f"the file is not valid JSON ({exc})") from None
    except RecursionError:
        pass
    else:
        if not too_deep(value):
            return value
    raise RefusedFile(
        f"the file is not a journal: it nests lists and objects more than {MAX_DEPTH} levels deep"
    )


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


@cache
def _fast_validator() -> Callable[[Any], Any]:
    """The journal schema compiled to Python by fastjsonschema: a quick yes or no.

    jsonschema, which gives the readable reasons, takes seconds to import and to check a
    10,000-entry journal; this says in a fraction of that whether there is anything to report.
    """
    import fastjsonschema

    from kfcourse.journal.schema import inlined

    resolved = {**inlined("journal"), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(resolved)  # every keyword the schema uses is in draft 7


def check_whole(document: dict[str, Any]) -> None:
    """Check the store's document against the full schema before it is shown or exported.

    The store checks only the outline on every read (`quick_check`, fast); a learner may have
    edited their own file by hand, so the paths that show or export every field check it all
    first, and all of them refuse the same way, naming the first problem.
    """
    import fastjsonschema

    try:
        _fast_validator()(document)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return
    found = problems(document)
    if found:
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise RefusedFile(
            f"your journal file has a field of the wrong kind, so it cannot be shown or exported: "
            f"{found[0]}{more}. Correct it in a text editor (the file is plain JSON, one entry "
            "per line), or ask your instructor"
        )


def read_log(data: bytes) -> tuple[list[dict[str, Any]], int]:
    """Entries from a journal's recent log (one JSON entry per line), and how many lines failed.

    Lets a log the store moved aside be imported like a journal file.
    """
    from kfcourse.journal.schema import entry_problems

    found: list[dict[str, Any]] = []
    failed = 0
    for line in data.splitlines():
        if not line.strip():
            continue
        try:
            entry = parse_json(line)
        except RefusedFile:
            failed += 1
            continue
        if (
            isinstance(entry, dict)
            and not too_deep(entry, MAX_DEPTH - 2)
            and not entry_problems(entry)
        ):
            found.append(entry)
        else:
            failed += 1
    return found, failed


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
