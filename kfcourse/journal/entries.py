"""Entries of the journal: one constructor per kind, returning plain JSON-ready dicts.

Entries stay plain dicts (the JSON shape of schema 1) so loading 10,000 of them costs no more
than parsing them, and fields written by a newer course survive untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, timedelta
from typing import Any

from kfcourse.journal.clock import new_id, now, parse
from kfcourse.journal.errors import JournalError
from kfcourse.journal.schema import entry_problems

Entry = dict[str, Any]


def _course_version() -> str:
    from kfcourse import __version__

    return __version__


def new_entry(kind: str, extra: Mapping[str, Any], source: str | None) -> Entry:
    """An entry of ``kind`` with a new id and times; ``None`` values in ``extra`` are left out."""
    stamp = now()
    entry: Entry = {
        "id": new_id(),
        "kind": kind,
        "created": stamp,
        "updated": stamp,
        "course_version": _course_version(),
    }
    if source:
        entry["source"] = source
    entry.update({k: v for k, v in extra.items() if v is not None})
    return entry


def check_entry(entry: Mapping[str, Any]) -> None:
    """Raise JournalError with the first problems if `entry` does not fit schema 1."""
    found = entry_problems(dict(entry))
    if found:
        raise JournalError("This entry does not fit the journal format: " + "; ".join(found[:3]))


def roleplay(
    scenario_id: str,
    scenario_hash: str,
    side: str,
    trace: Iterable[Mapping[str, Any]],
    *,
    measures_start: Mapping[str, float] | None = None,
    measures_end: Mapping[str, float] | None = None,
    ending: str | None = None,
    completed: bool | None = None,
    source: str | None = "jupyter",
    **extra: Any,
) -> Entry:
    """A run through a scenario: which one (id and content hash), the side played, the decisions."""
    entry = new_entry(
        "roleplay",
        {
            "scenario_id": scenario_id,
            "scenario_hash": scenario_hash,
            "side": side,
            "trace": [dict(step) for step in trace],
            "measures_start": dict(measures_start) if measures_start is not None else None,
            "measures_end": dict(measures_end) if measures_end is not None else None,
            "ending": ending,
            "completed": completed,
            **extra,
        },
        source,
    )
    check_entry(entry)
    return entry


def reflection(
    *,
    model: str = "gibbs",
    stages: Mapping[str, str] | None = None,
    variant: str | None = None,
    prompt: str | None = None,
    text: str | None = None,
    draft: bool | None = None,
    source: str | None = "jupyter",
    **extra: Any,
) -> Entry:
    """A reflection: Gibbs stages (full or short form) or a free prompt and text."""
    fields: dict[str, Any] = {"model": model, "prompt": prompt, "text": text, "draft": draft}
    if model != "free":
        fields["stages"] = dict(stages or {})
        fields["variant"] = variant
    entry = new_entry("reflection", {**fields, **extra}, source)
    check_entry(entry)
    return entry


def self_rating(
    instrument: str,
    items: Mapping[str, float | None] | Iterable[Mapping[str, Any]],
    *,
    moment: str | None = None,
    scale: tuple[float, float] | None = None,
    source: str | None = "jupyter",
    **extra: Any,
) -> Entry:
    """A self-rating, e.g. the trust check before or after a role-play."""
    if isinstance(items, Mapping):
        rows = [{"item": key, "value": value} for key, value in items.items()]
    else:
        rows = [dict(row) for row in items]
    fields: dict[str, Any] = {"instrument": instrument, "items": rows, "moment": moment}
    if scale is not None:
        fields["scale"] = {"min": scale[0], "max": scale[1]}
    entry = new_entry("self_rating", {**fields, **extra}, source)
    check_entry(entry)
    return entry


SUMMARY_LINES = 60
SUMMARY_LABEL = 200
SUMMARY_TEXT = 20000


def check_summary(summary: Any) -> list[dict[str, str]]:
    """An exercise answer's ``summary`` (labelled lines in the learner's words, made by the
    exercise's screen) as the schema allows it; JournalError with the reason otherwise."""
    if not isinstance(summary, list) or len(summary) > SUMMARY_LINES:
        raise JournalError(f"a summary is a list of at most {SUMMARY_LINES} lines")
    lines = []
    for line in summary:
        label = line.get("label") if isinstance(line, Mapping) else None
        text = line.get("text") if isinstance(line, Mapping) else None
        if not isinstance(label, str) or not isinstance(text, str) or len(line) != 2:
            raise JournalError("each line of a summary is {label, text}, both text")
        if len(label) > SUMMARY_LABEL or len(text) > SUMMARY_TEXT:
            raise JournalError("a line of a summary is too long")
        lines.append({"label": label, "text": text})
    return lines


def exercise_answer(
    exercise: str,
    answer: Any,
    *,
    question: str | None = None,
    source: str | None = "jupyter",
    **extra: Any,
) -> Entry:
    """The answer to an exercise that is not a role-play, reflection or rating."""
    entry = new_entry(
        "exercise_answer", {"exercise": exercise, "question": question, **extra}, source
    )
    entry["answer"] = answer  # kept even when None: null is a legitimate answer
    check_entry(entry)
    return entry


def touched(entry: Mapping[str, Any], **changes: Any) -> Entry:
    """A copy of `entry` with `changes` applied and `updated` set to now (same id).

    The new `updated` is always later than the old one, even if the clock stepped back, so
    the edit wins every merge against the copy it replaces.
    """
    new = dict(entry)
    new.update(changes)
    stamp = now()
    try:
        previous = parse(str(entry.get("updated")))
        if parse(stamp) <= previous:
            stamp = (previous.astimezone(UTC) + timedelta(microseconds=1)).strftime(
                "%Y-%m-%dT%H:%M:%S.%fZ"
            )
    except ValueError:
        pass
    new["updated"] = stamp
    return new


def words(text: str) -> int:
    """Number of words in `text` (whitespace-separated), used for reflection lengths."""
    return len(text.split())


def reflection_texts(entry: Mapping[str, Any]) -> dict[str, str]:
    """The learner's texts of a reflection by stage id ("text" for a free reflection)."""
    out: dict[str, str] = {}
    stages = entry.get("stages")
    if isinstance(stages, Mapping):
        out.update({str(k): v for k, v in stages.items() if isinstance(v, str)})
    if isinstance(entry.get("text"), str):
        out["text"] = entry["text"]
    return out
