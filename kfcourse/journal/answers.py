"""The rule for an exercise's single answer (the welcome check-in): one entry per exercise
answer, replaced when the learner changes their mind. Twinned by ``web/checkin/answer.js``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kfcourse.journal.clock import new_id, now
from kfcourse.journal.entries import Entry
from kfcourse.journal.errors import JournalError
from kfcourse.journal.reflections import later


class AnswerRefused(JournalError):
    """An answer the exercise does not offer, with the reason in one sentence."""


def answer_entry(
    exercise: str,
    question: str | None,
    answer: Any,
    previous: Mapping[str, Any] | None,
    *,
    title: str | None = None,
    entry_id: str,
    stamp: str,
    course_version: str,
    source: str,
) -> Entry:
    """The entry for ``answer``: new, or ``previous`` (same id, same exercise) with the answer and
    question replaced; ``created`` and other fields kept."""
    same = (
        previous is not None
        and previous.get("kind") == "exercise_answer"
        and previous.get("exercise") == exercise
    )
    entry: Entry = (
        dict(previous)  # type: ignore[arg-type]
        if same
        else {"id": entry_id, "kind": "exercise_answer", "created": stamp}
    )
    entry["updated"] = stamp
    entry["course_version"] = course_version
    entry["source"] = source
    entry["exercise"] = exercise
    if title is not None:
        entry["title"] = title  # what the journal list and exports show, not the exercise id
    if question is None:
        entry.pop("question", None)
    else:
        entry["question"] = question
    entry["answer"] = answer
    return entry


def save_answer(
    store: Any,
    exercise: str,
    question: str | None,
    answer: Any,
    *,
    entry: str | None = None,
    offered: Sequence[Any] | None = None,
    title: str | None = None,
    source: str = "jupyter",
) -> Entry:
    """Write ``answer`` to ``store``, replacing the entry ``entry`` names; the entry as stored.
    An answer not among ``offered`` is refused (AnswerRefused) and nothing is written."""
    from kfcourse import __version__

    if offered is not None and answer not in offered:
        raise AnswerRefused("that answer is not one this exercise offers")
    previous = store.get(entry) if entry else None
    stamp = now() if previous is None else later(now(), str(previous.get("updated")))
    made = answer_entry(
        exercise, question, answer, previous,
        entry_id=new_id(), stamp=stamp, course_version=__version__, source=source, title=title,
    )  # fmt: skip
    return store.add(made)


def latest_answer(found: Iterable[Mapping[str, Any]], exercise: str) -> Entry | None:
    """The latest answer to ``exercise`` (what a new check-in shows back), or None."""
    from kfcourse.journal.clock import parse

    answers = [dict(e) for e in found
               if e.get("kind") == "exercise_answer" and e.get("exercise") == exercise]  # fmt: skip
    return max(answers, key=lambda e: parse(str(e.get("updated")))) if answers else None
