"""Reading learners' class exports for a class report: files and folders in, checked exports out.

Every file is checked in full against the class-export schema; one that fails is listed with a
one-line reason and left out, so one bad file never stops a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfcourse.analysis.export_shape import shape_problems
from kfcourse.journal.errors import RefusedFile
from kfcourse.journal.privacy import CLASS_EXPORT_VERSION
from kfcourse.journal.reading import parse_json
from kfcourse.journal.schema import CLASS_FORMAT, FORMAT

# A class export of a learner's whole course is well under 1 MB; a much larger file is not one,
# and is refused before it is read into memory.
MAX_EXPORT_BYTES = 16 * 1024 * 1024


@dataclass
class ClassExports:
    """The exports that were read, and the files left out with the reason for each."""

    exports: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    files: int = 0


def read_class_export(data: bytes) -> dict[str, Any]:
    """A checked class export, or RefusedFile with the reason."""
    document = parse_json(data)
    if not isinstance(document, dict):
        raise RefusedFile("not a class export: the file does not hold a JSON object")
    if document.get("format") == FORMAT:
        raise RefusedFile(
            "this is a learner's whole journal, not a class export: ask the "
            "learner for a class export (kfcourse journal export --class)"
        )
    if document.get("format") != CLASS_FORMAT:
        raise RefusedFile(f'not a class export: it has no "format": "{CLASS_FORMAT}" marker')
    version = document.get("schema_version")
    if version != CLASS_EXPORT_VERSION:
        raise RefusedFile(
            f"class export version {str(version)[:20]!r} is not one this course reads "
            f"(it reads version {CLASS_EXPORT_VERSION}); the learner's course may be newer"
        )
    found = shape_problems(document)  # the schema's rules, 10x faster than the validator
    if found:
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise RefusedFile(f"the class export is damaged: {found[0]}{more}")
    return document


def input_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Each file named, and every *.json file in each folder named (sorted, not recursive)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.json") if p.is_file())
        else:
            yield path


def read_class_exports(inputs: Iterable[str | Path]) -> ClassExports:
    """Read every export named or found in a folder; refused files are listed, not fatal."""
    out = ClassExports()
    for path in input_files(inputs):
        out.files += 1
        try:
            size = path.stat().st_size
            if size > MAX_EXPORT_BYTES and path.is_file():
                raise RefusedFile(
                    f"the file is {size / 1024 / 1024:.1f} MB, larger than any class export "
                    f"({MAX_EXPORT_BYTES // (1024 * 1024)} MB at most)"
                )
            out.exports.append(read_class_export(path.read_bytes()))
        except RefusedFile as exc:
            out.refused.append((str(path), str(exc)))
        except IsADirectoryError:
            out.refused.append((str(path), "is a folder inside a folder (not read)"))
        except OSError as exc:
            out.refused.append((str(path), f"cannot be read ({exc.strerror or exc})"))
    return out
