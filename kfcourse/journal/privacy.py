"""Class exports: what a learner may hand an instructor, pseudonymised and unlinkable.

The learner appears only as a pseudonym: the first 16 hex digits of SHA-256 over the class salt
and a name the learner chooses (the same name and salt always give the same pseudonym, so an
instructor can match a learner's exports over a course without seeing a name). Entry ids are
derived from the salt and the name too, and times are cut to the day, so two exports of one
journal under different salts share no id and no exact time. Free text (reflections, notes,
written answers, titles, questions) and any name that is not a plain identifier leave only if
the learner opts in; word counts of reflections are always included so lengths can be reported
without the words. An answer its exercise marks private (``answer.private``: the speaking-up
check, about a real team) never leaves, with or without free text. The format is described on
the book's journal-format page.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
import uuid
import warnings
from collections.abc import Mapping
from datetime import UTC
from typing import Any

from kfcourse.journal.clock import now, parse
from kfcourse.journal.entries import reflection_texts, words
from kfcourse.journal.errors import JournalError
from kfcourse.journal.schema import CLASS_FORMAT

CLASS_EXPORT_VERSION = 1
# The course's salt. An instructor sets a class's own with $KFCOURSE_CLASS_SALT or --salt (tell the
# class the same value), so pseudonyms from one class cannot be matched with another's.
COURSE_SALT = "leading-together/class-export/v1"
SALT_ENV_VAR = "KFCOURSE_CLASS_SALT"
DEFAULT_SALT_WARNING = (
    "this class export uses the course's default salt: anyone with a class list could work out "
    "which pseudonym is whose. Ask your instructor for the class code (--salt CODE or "
    f"${SALT_ENV_VAR})"
)

# A plain identifier (a scenario, point, choice, measure, instrument or item id). Anything else
# may be a free-form name a learner typed, so it leaves only with the learner's free text.
IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")
RELATIONS = ("swap", "replay")

_NAMES = {
    "common": ("kind", "course_version", "exercise"),
    "roleplay": ("scenario_id", "side", "ending", "relation"),
    "reflection": ("model", "variant"),
    "self_rating": ("instrument", "moment", "scenario_id"),
    "exercise_answer": (),
}
_VALUES = {
    "roleplay": ("scenario_hash", "scenario_version", "completed"),
}
_TEXT = {
    "roleplay": ("title", "scenario_title", "ending_title"),
    "reflection": ("title", "stages", "text", "prompt"),
    "self_rating": ("title", "note"),
    "exercise_answer": ("title", "question", "note", "answer", "summary"),
}
_STEP_NAMES = ("point", "choice", "actor", "kind")


def _salt(salt: str | None) -> str:
    return salt if salt is not None else os.environ.get(SALT_ENV_VAR, "").strip() or COURSE_SALT


def uses_default_salt(salt: str | None = None) -> bool:
    """True when an export made now with `salt` would use the course's own salt."""
    return _salt(salt) == COURSE_SALT


def normalise_name(name: str) -> str:
    """The name as hashed: Unicode NFKC, case-folded, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _clean(name: str) -> str:
    clean = normalise_name(name)
    if not clean:
        raise JournalError("choose a name (any name you will remember) to make a class export")
    return clean


def pseudonym(name: str, salt: str | None = None) -> str:
    """A stable pseudonym for `name` (same name and salt, same pseudonym)."""
    digest = hashlib.sha256(f"{_salt(salt)}\x00{_clean(name)}".encode()).hexdigest()
    return digest[:16]


def _id_key(name: str, salt: str | None) -> bytes:
    return hashlib.sha256(f"{_salt(salt)}\x00ids\x00{_clean(name)}".encode()).digest()


def derived_id(entry_id: str, key: bytes) -> str:
    """An entry id as the class export shows it: a UUID made from the id with the export's key."""
    digest = hmac.new(key, entry_id.encode(), hashlib.sha256).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def to_day(stamp: Any) -> str | None:
    """A journal timestamp cut to its day (UTC midnight), or None if it is not one."""
    try:
        moment = parse(str(stamp))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT00:00:00Z")


def _identifier(value: Any) -> bool:
    return isinstance(value, str) and IDENTIFIER.match(value) is not None


def _contains_text(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, Mapping):
        return any(not _identifier(k) or _contains_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_text(v) for v in value)
    return False


def _measures(value: Any) -> dict[str, float] | None:
    if not isinstance(value, Mapping):
        return None
    return {
        k: v
        for k, v in value.items()
        if _identifier(k) and isinstance(v, int | float) and not isinstance(v, bool)
    }


def _step(step: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: step[k] for k in _STEP_NAMES if _identifier(step.get(k))}
    out.setdefault("choice", None)  # an impasse
    picks = step.get("picks")
    if isinstance(picks, Mapping):
        out["picks"] = {k: v for k, v in picks.items() if _identifier(k) and _identifier(v)}
    ruled = step.get("ruled")
    if isinstance(ruled, list):
        out["ruled"] = [r for r in ruled if _identifier(r)]
    measures = _measures(step.get("measures"))
    if measures is not None:
        out["measures"] = measures
    return out


def _class_entry(
    entry: Mapping[str, Any], key: bytes, include_free_text: bool
) -> dict[str, Any] | None:
    kind = str(entry.get("kind"))
    created = to_day(entry.get("created"))
    if kind not in _TEXT or not isinstance(entry.get("id"), str) or created is None:
        return None
    out: dict[str, Any] = {"id": derived_id(entry["id"], key), "created": created}
    for name in (*_NAMES["common"], *_NAMES[kind]):
        value = entry.get(name)
        if _identifier(value) or (include_free_text and isinstance(value, str)):
            out[name] = value
    out.update({k: entry[k] for k in _VALUES.get(kind, ()) if k in entry})
    if isinstance(entry.get("related_entry"), str):
        out["related_entry"] = derived_id(entry["related_entry"], key)
    if kind == "roleplay":
        out.setdefault("ending", None)  # not finished
        out["trace"] = [_step(s) for s in entry.get("trace") or [] if isinstance(s, Mapping)]
        for name in ("measures_start", "measures_end"):
            measures = _measures(entry.get(name))
            if measures is not None:
                out[name] = measures
    elif kind == "reflection":
        out["word_counts"] = {
            stage: words(text)
            for stage, text in reflection_texts(entry).items()
            if _identifier(stage)
        }
    elif kind == "self_rating":
        scale = entry.get("scale")
        if isinstance(scale, Mapping):
            out["scale"] = {k: scale[k] for k in ("min", "max") if k in scale}
        items = [i for i in entry.get("items") or [] if isinstance(i, Mapping)]
        kept = [
            {"item": i.get("item"), "value": i.get("value")}
            for i in items
            if _identifier(i.get("item")) or include_free_text
        ]
        out["items"] = kept
        if len(kept) < len(items):
            out["items_withheld"] = len(items) - len(kept)
    elif kind == "exercise_answer" and "answer" in entry and not _contains_text(entry["answer"]):
        out["answer"] = entry["answer"]  # numbers, choices by number: not free text
    if include_free_text:
        out.update({k: entry[k] for k in _TEXT[kind] if k in entry})
    elif kind == "exercise_answer" and "answer" not in out and "answer" in entry:
        out["answer_withheld"] = True
    return out


def _check_ratings(entry: Mapping[str, Any], key: bytes) -> list[dict[str, Any]]:
    """A check's ratings (an instrument's answer: numbers and ids only) as one self_rating
    class entry per moment rated, so a class report compares before with after. Nothing for
    any other entry."""
    from kfcourse.activities.instruments import entry_ratings

    created, ratings = to_day(entry.get("created")), entry_ratings(entry)
    if ratings is None or not isinstance(entry.get("id"), str) or created is None:
        return []
    instrument, (low, high), by_moment = ratings
    version = entry.get("course_version")
    made = []
    for moment, items in by_moment.items():
        if not items:
            continue
        rating = {
            "id": derived_id(f"{entry['id']}#{moment}", key),
            "created": created,
            "kind": "self_rating",
            "exercise": entry["exercise"],
            "instrument": instrument,
            "moment": moment,
            "scale": {"min": low, "max": high},
            "items": [{"item": item, "value": value} for item, value in items.items()],
        }
        if _identifier(version):
            rating["course_version"] = version
        made.append(rating)
    return made


def private(entry: Mapping[str, Any]) -> bool:
    """Whether an entry is an answer its exercise marks private: it never leaves the journal."""
    answer = entry.get("answer")
    return (
        entry.get("kind") == "exercise_answer"
        and isinstance(answer, Mapping)
        and answer.get("private") is True
    )


def both_sides(entries: list[Mapping[str, Any]]) -> list[str]:
    """Scenario ids this learner finished as the doctor and as the patient, sorted."""
    sides: dict[str, set[str]] = {}
    for entry in entries:
        if entry.get("kind") == "roleplay" and entry.get("completed") is True:
            sides.setdefault(str(entry.get("scenario_id")), set()).add(str(entry.get("side")))
    return sorted(s for s, played in sides.items() if {"doctor", "patient"} <= played)


def class_export(
    document: Mapping[str, Any],
    name: str,
    *,
    include_free_text: bool = False,
    salt: str | None = None,
) -> dict[str, Any]:
    """A pseudonymised copy of the journal for a class report (see module docstring).

    Warns (UserWarning) when the course's default salt is used.
    """
    from kfcourse import __version__

    entries = [e for e in document.get("entries", []) if isinstance(e, Mapping)]
    kept = [e for e in entries if not e.get("draft") and not private(e)]
    key = _id_key(name, salt)
    default = uses_default_salt(salt)
    if default:
        warnings.warn(DEFAULT_SALT_WARNING, UserWarning, stacklevel=2)
    made = [_class_entry(e, key, include_free_text) for e in kept]
    made += [rating for e in kept for rating in _check_ratings(e, key)]
    return {
        "format": CLASS_FORMAT,
        "schema_version": CLASS_EXPORT_VERSION,
        "pseudonym": pseudonym(name, salt),
        "course_version": __version__,
        "exported": to_day(now()),
        "default_salt": default,
        "includes_free_text": bool(include_free_text),
        "both_sides": [s for s in both_sides(kept) if _identifier(s)],
        "entries": [e for e in made if e is not None],
    }
