"""The journal as CSV, one row per entry, for a spreadsheet.

Cells that a spreadsheet would run as a formula get a leading apostrophe, the usual guard
against formula injection: cells starting with =, +, -, @ (or their full-width forms, which
some spreadsheets read as the same), also after leading spaces, and cells starting with a tab
or carriage return. Numbers are left as they are. The browser's CSV (kf-journal-export.js,
`csvValue`) uses the same pattern.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from typing import Any

from kfcourse.journal.entries import reflection_texts, words
from kfcourse.journal.markdown_export import STAGE_TITLES, summary_lines

COLUMNS = (
    "id", "kind", "created", "updated", "course_version", "source", "exercise", "title",
    "draft", "scenario_id", "side", "ending", "completed", "steps", "measures_end",
    "model", "variant", "instrument", "moment", "ratings", "text", "words",
)  # fmt: skip
FORMULA_START = re.compile("[\t\r]|[ \t\r\n\u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if FORMULA_START.match(text) and not _is_number(text):
        text = "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _pairs(values: Any) -> str:
    if isinstance(values, Mapping):
        return "; ".join(f"{k}={v}" for k, v in values.items())
    return ""


def row(entry: Mapping[str, Any]) -> dict[str, str]:
    """The CSV row of one entry."""
    values: dict[str, Any] = {name: entry.get(name) for name in COLUMNS}
    kind = entry.get("kind")
    values["steps"] = len(entry.get("trace") or []) if kind == "roleplay" else None
    values["measures_end"] = _pairs(entry.get("measures_end")) or None
    if kind == "self_rating":
        items = [i for i in entry.get("items") or [] if isinstance(i, Mapping)]
        values["ratings"] = "; ".join(f"{i.get('item')}={i.get('value')}" for i in items)
        values["text"] = entry.get("note")
    elif kind == "reflection":
        texts = reflection_texts(entry)
        if list(texts) == ["text"]:
            values["text"] = texts["text"]
        else:
            values["text"] = "\n\n".join(
                f"{STAGE_TITLES.get(stage, stage)}: {text}" for stage, text in texts.items()
            )
        values["words"] = sum(words(t) for t in texts.values())
    elif kind == "exercise_answer":
        answer = entry.get("answer")
        lines = summary_lines(entry)
        if lines:
            values["text"] = "\n".join(f"{label}: {text}" for label, text in lines)
        else:
            values["text"] = answer if isinstance(answer, str) else json.dumps(answer)
    return {name: _cell(values[name]) for name in COLUMNS}


def to_csv(document: Mapping[str, Any]) -> str:
    """The journal as CSV text (UTF-8, a header row, one row per entry)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in document.get("entries", []):
        if isinstance(entry, Mapping):
            writer.writerow(row(entry))
    return buffer.getvalue()
