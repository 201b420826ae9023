"""Class exports: what a learner may hand an instructor, pseudonymised.

The learner appears only as a pseudonym: the first 16 hex digits of SHA-256 over the course
salt and a name the learner chooses (so the same name always gives the same pseudonym, and
an instructor can match a learner's exports over a course without seeing a name). Free text
(reflections, notes, written answers, titles) is included only if the learner opts in; word
counts of reflections are always included so lengths can be reported without the words.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Mapping
from typing import Any

from kfcourse.journal.clock import now
from kfcourse.journal.entries import reflection_texts, words
from kfcourse.journal.errors import JournalError
from kfcourse.journal.schema import CLASS_FORMAT

# The course's salt. An instructor can set a class's own with $KFCOURSE_CLASS_SALT (tell the
# class the same value), so pseudonyms from one class cannot be matched with another's.
COURSE_SALT = "leading-together/class-export/v1"
SALT_ENV_VAR = "KFCOURSE_CLASS_SALT"

_COMMON = ("id", "kind", "created", "course_version", "exercise", "draft", "related_entry")
_KEEP = {
    "roleplay": ("scenario_id", "scenario_hash", "scenario_title", "scenario_version", "side",
                 "measures_start", "measures_end", "ending", "completed"),
    "reflection": ("model", "variant"),
    "self_rating": ("instrument", "moment", "scenario_id"),
    "exercise_answer": ("question",),
}  # fmt: skip
_TEXT = {
    "roleplay": ("title",),
    "reflection": ("title", "stages", "text", "prompt"),
    "self_rating": ("title", "note"),
    "exercise_answer": ("title", "note", "answer"),
}
_STEP_FIELDS = ("point", "choice", "actor", "kind", "picks", "ruled", "measures")


def _salt(salt: str | None) -> str:
    return salt if salt is not None else os.environ.get(SALT_ENV_VAR, "").strip() or COURSE_SALT


def normalise_name(name: str) -> str:
    """The name as hashed: Unicode NFKC, case-folded, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def pseudonym(name: str, salt: str | None = None) -> str:
    """A stable pseudonym for `name` (same name and salt, same pseudonym)."""
    clean = normalise_name(name)
    if not clean:
        raise JournalError("choose a name (any name you will remember) to make a class export")
    digest = hashlib.sha256(f"{_salt(salt)}\x00{clean}".encode()).hexdigest()
    return digest[:16]


def _contains_text(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, Mapping):
        return any(_contains_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_text(v) for v in value)
    return False


def _class_entry(entry: Mapping[str, Any], include_free_text: bool) -> dict[str, Any]:
    kind = str(entry.get("kind"))
    out = {key: entry[key] for key in (*_COMMON, *_KEEP.get(kind, ())) if key in entry}
    if kind == "roleplay":
        out["trace"] = [
            {k: step[k] for k in _STEP_FIELDS if k in step}
            for step in entry.get("trace") or []
            if isinstance(step, Mapping)
        ]
    elif kind == "reflection":
        out["word_counts"] = {stage: words(t) for stage, t in reflection_texts(entry).items()}
    elif kind == "self_rating":
        out["scale"] = entry.get("scale")
        out["items"] = [
            {"item": i.get("item"), "value": i.get("value")}
            for i in entry.get("items") or []
            if isinstance(i, Mapping)
        ]
        if out["scale"] is None:
            del out["scale"]
    elif kind == "exercise_answer" and "answer" in entry and not _contains_text(entry["answer"]):
        out["answer"] = entry["answer"]  # numbers, choices by number: not free text
    if include_free_text:
        out.update({key: entry[key] for key in _TEXT.get(kind, ()) if key in entry})
    elif kind == "exercise_answer" and "answer" not in out and "answer" in entry:
        out["answer_withheld"] = True
    return out


def class_export(
    document: Mapping[str, Any],
    name: str,
    *,
    include_free_text: bool = False,
    salt: str | None = None,
) -> dict[str, Any]:
    """A pseudonymised copy of the journal for a class report (see module docstring)."""
    entries = [e for e in document.get("entries", []) if isinstance(e, Mapping)]
    from kfcourse import __version__

    return {
        "format": CLASS_FORMAT,
        "schema_version": 1,
        "pseudonym": pseudonym(name, salt),
        "course_version": __version__,
        "exported": now(),
        "includes_free_text": bool(include_free_text),
        "entries": [_class_entry(e, include_free_text) for e in entries if not e.get("draft")],
    }
