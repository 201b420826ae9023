"""Export the journal: JSON (lossless), Markdown, CSV, and the pseudonymised class export."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kfcourse.journal.csv_export import to_csv
from kfcourse.journal.markdown_export import to_markdown
from kfcourse.journal.privacy import class_export
from kfcourse.journal.reading import dumps_document

FORMATS = ("json", "md", "csv")
FILE_NAMES = {
    "json": "kfcourse-journal.json",
    "md": "kfcourse-journal.md",
    "csv": "kfcourse-journal.csv",
    "class": "kfcourse-class-export.json",
}
MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown",
    "csv": "text/csv",
    "class": "application/json",
}


def to_json(document: Mapping[str, Any]) -> str:
    """The journal exactly as stored (every field, including ones this version does not know)."""
    return dumps_document(dict(document))


def export_text(document: Mapping[str, Any], fmt: str) -> str:
    """The journal in `fmt` ("json", "md" or "csv") as text."""
    if fmt == "json":
        return to_json(document)
    if fmt == "md":
        return to_markdown(document)
    if fmt == "csv":
        return to_csv(document)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def class_export_text(
    document: Mapping[str, Any],
    name: str,
    *,
    include_free_text: bool = False,
    salt: str | None = None,
) -> str:
    """The class export as JSON text."""
    data = class_export(document, name, include_free_text=include_free_text, salt=salt)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


__all__ = ["FILE_NAMES", "FORMATS", "MEDIA_TYPES", "class_export_text", "export_text", "to_json"]
