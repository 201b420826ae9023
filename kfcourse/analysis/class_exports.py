"""Reading learners' class exports for a class report: files and folders in, checked exports out.

Every file is checked in full against the class-export schema; one that fails is listed with a
one-line reason and left out, so one bad file never stops a report.

`each_class_export` reads one file at a time, so a report over a large class never holds more
than one export; `read_class_exports` keeps them all (for a notebook, and small classes).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kfcourse.analysis.export_shape import fits, shape_problems
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


def _checked_quickly(data: bytes) -> dict[str, Any] | None:
    """The export if it is a good one (decoded and checked as `_checked` does, with no reason
    worded); None when there is anything to say about it."""
    # orjson parses in half json's time. It refuses some files json reads (an integer past 64
    # bits, a lone surrogate, nesting past 1,024): those take the slow path, read by json.
    try:
        document = orjson.loads(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    except orjson.JSONDecodeError:  # not UTF-8, not JSON, NaN, Infinity, or one of those above
        return None
    if (
        type(document) is dict
        and document.get("schema_version") == CLASS_EXPORT_VERSION
        and fits(document)  # the format, the whole schema and the nesting limit
    ):
        return document
    return None


def _checked(data: bytes) -> dict[str, Any]:
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


def read_class_export(data: bytes) -> dict[str, Any]:
    """A checked class export, or RefusedFile with the reason."""
    document = _checked_quickly(data)  # a good file is checked once, with no words made
    return document if document is not None else _checked(data)


def input_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Each file named, and every *.json file in each folder named (sorted, not recursive)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.json") if p.is_file())
        else:
            yield path


def _read_file(path: Path) -> dict[str, Any]:
    """The checked export in `path`; RefusedFile with the reason when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES and path.is_file():
            raise RefusedFile(
                f"the file is {size / 1024 / 1024:.1f} MB, larger than any class export "
                f"({MAX_EXPORT_BYTES // (1024 * 1024)} MB at most)"
            )
        return read_class_export(path.read_bytes())
    except IsADirectoryError:
        raise RefusedFile("is a folder inside a folder (not read)") from None
    except OSError as exc:
        raise RefusedFile(f"cannot be read ({exc.strerror or exc})") from None


def each_class_export(
    paths: Iterable[Path],
    refused: list[tuple[str, str]],
    on_file: Callable[[], object] | None = None,
) -> Iterator[dict[str, Any]]:
    """Each good export in `paths`, read one at a time; each file left out is added to `refused`
    with its reason, and `on_file` (if given) is called after each file."""
    for path in paths:
        try:
            document = _read_file(path)
        except RefusedFile as exc:
            refused.append((str(path), str(exc)))
        else:
            yield document
        if on_file is not None:
            on_file()


def read_class_exports(inputs: Iterable[str | Path]) -> ClassExports:
    """Read every export named or found in a folder; refused files are listed, not fatal."""
    out = ClassExports()
    paths = list(input_files(inputs))
    out.files = len(paths)
    out.exports.extend(each_class_export(paths, out.refused))
    return out
