"""The saving rule of the reflection form: what a form's payload puts in the journal.

The form (``kfcourse/web/reflection``) sends a payload at each save: the texts of its stages,
the model and variant, the exercise it belongs to, a draft flag and the id of the entry it is
editing. :func:`save_reflection` checks it and writes one entry, replacing the entry it edits
(never adding a copy). :func:`reflection_entry` is the pure mapping, twinned by ``form.js``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, timedelta
from typing import Any

from kfcourse.journal.clock import new_id, now, parse
from kfcourse.journal.entries import Entry
from kfcourse.journal.errors import JournalError
from kfcourse.journal.schema import GIBBS_STAGES, SHORT_STAGES

MODELS: dict[str, tuple[str, ...]] = {"gibbs": GIBBS_STAGES, "gibbs_short": SHORT_STAGES}
VARIANTS = ("clinician", "patient")
MAX_STAGE_CHARS = 50_000  # far beyond 600 words; a paste of a whole file is refused, not stored
MAX_NAME_CHARS = 200  # the schema's `name` (the exercise)
MAX_TITLE_CHARS = 500
MAX_QUESTION_CHARS = 2_000
UUID_CHARS = "0123456789abcdefABCDEF"
# Entry field <- payload field, for the optional fields the form owns.
FORM_FIELDS = (("title", "title"), ("prompt", "question"), ("related_entry", "related_entry"))


class ReflectionRefused(JournalError):
    """A payload the journal does not take, with one plain sentence saying why."""


def _is_uuid(value: Any) -> bool:
    parts = value.split("-") if isinstance(value, str) else []
    return [len(p) for p in parts] == [8, 4, 4, 4, 12] and all(
        c in UUID_CHARS for p in parts for c in p
    )


def _text(payload: Mapping[str, Any], key: str, limit: int) -> str | None:
    value = payload.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ReflectionRefused(f"the form's {key} must be text of at most {limit} characters")
    return value


def check_payload(payload: Any) -> dict[str, Any]:
    """The payload with every field checked and only known fields kept; ReflectionRefused if not."""
    if not isinstance(payload, Mapping):
        raise ReflectionRefused("the form sent nothing to save")
    model = payload.get("model")
    if model not in MODELS:
        raise ReflectionRefused("the model must be gibbs or gibbs_short")
    variant = payload.get("variant")
    if model == "gibbs_short":
        variant = None
    elif variant is not None and variant not in VARIANTS:
        raise ReflectionRefused("the role must be clinician or patient")
    exercise = payload.get("exercise")
    if not isinstance(exercise, str) or not 0 < len(exercise) <= MAX_NAME_CHARS:
        raise ReflectionRefused("the form must say which exercise it belongs to")
    stages = payload.get("stages")
    if not isinstance(stages, Mapping):
        raise ReflectionRefused("the form sent no stages")
    unknown = [str(k) for k in stages if k not in MODELS[model]]
    if unknown:
        raise ReflectionRefused(f"{model} has no stage called {unknown[0]}")
    texts: dict[str, str] = {}
    for key in MODELS[model]:
        value = stages.get(key, "")
        if not isinstance(value, str):
            raise ReflectionRefused(f"the text of {key} must be text")
        if len(value) > MAX_STAGE_CHARS:
            raise ReflectionRefused(f"the text of {key} is longer than 50,000 characters")
        texts[key] = value
    draft = payload.get("draft")
    if not isinstance(draft, bool):
        raise ReflectionRefused("the form must say whether this is a draft (true or false)")
    for key in ("entry", "related_entry"):
        if payload.get(key) is not None and not _is_uuid(payload.get(key)):
            raise ReflectionRefused(f"the {key.replace('_', ' ')} must be an entry id")
    return {
        "exercise": exercise,
        "title": _text(payload, "title", MAX_TITLE_CHARS),
        "question": _text(payload, "question", MAX_QUESTION_CHARS),
        "related_entry": payload.get("related_entry"),
        "model": model,
        "variant": variant,
        "stages": texts,
        "draft": draft,
        "entry": payload.get("entry"),
    }


def is_blank(stages: Mapping[str, str]) -> bool:
    """True when no stage holds anything but white space."""
    return not any(text.strip() for text in stages.values())


def reflection_entry(
    payload: Mapping[str, Any],
    previous: Mapping[str, Any] | None,
    *,
    entry_id: str,
    stamp: str,
    course_version: str,
    source: str,
) -> Entry:
    """The entry a checked payload makes: a new one, or ``previous`` (same id) with the form's
    fields replaced. ``created`` and fields the form does not own are kept; a reflection once
    saved as finished stays finished. Twinned by ``reflectionEntry`` in ``form.js``."""
    if previous is not None:
        entry: Entry = dict(previous)
        finished = previous.get("draft") is False
    else:
        entry = {"id": entry_id, "kind": "reflection", "created": stamp}
        finished = False
    entry["updated"] = stamp
    entry["course_version"] = course_version
    entry["source"] = source
    entry["exercise"] = payload["exercise"]
    for field, key in FORM_FIELDS:
        if payload[key] is None:
            entry.pop(field, None)
        else:
            entry[field] = payload[key]
    entry["model"] = payload["model"]
    entry["variant"] = payload["variant"]
    entry["stages"] = dict(payload["stages"])
    entry["draft"] = False if finished else payload["draft"]
    return entry


def later(stamp: str, previous: str) -> str:
    """``stamp``, or a microsecond after ``previous`` when the clock has not moved past it, so
    the edit wins every merge against the copy it replaces."""
    try:
        before = parse(previous)
        if parse(stamp) <= before:
            return (before.astimezone(UTC) + timedelta(microseconds=1)).strftime(
                "%Y-%m-%dT%H:%M:%S.%fZ"
            )
    except ValueError:
        pass
    return stamp


def save_reflection(store: Any, payload: Any, *, source: str = "jupyter") -> Entry:
    """Check a form's payload and write it to ``store`` (a JournalStore); the entry as stored.

    The entry named by ``payload["entry"]`` is replaced (a draft and "Save as finished" are one
    entry); a new reflection with nothing written is refused. Raises ReflectionRefused (or the
    store's JournalError) with a plain reason; nothing is written then.
    """
    from kfcourse import __version__

    clean = check_payload(payload)
    previous = store.get(clean["entry"]) if clean["entry"] else None
    if previous is not None and previous.get("kind") != "reflection":
        raise ReflectionRefused("the entry this form edits is not a reflection")
    if previous is None and is_blank(clean["stages"]):
        raise ReflectionRefused("write something in at least one box before saving")
    stamp = now() if previous is None else later(now(), str(previous.get("updated")))
    entry = reflection_entry(
        clean,
        previous,
        entry_id=clean["entry"] or new_id(),
        stamp=stamp,
        course_version=__version__,
        source=source,
    )
    return store.add(entry)


def latest_draft(found: Iterable[Mapping[str, Any]], exercise: str, model: str) -> Entry | None:
    """The most recently updated draft reflection of ``exercise`` in ``model``: what a new form
    offers back (twinned by ``latestDraft`` in ``form.js``)."""
    drafts = [
        dict(e) for e in found
        if e.get("kind") == "reflection" and e.get("exercise") == exercise
        and e.get("model") == model and e.get("draft") is True
    ]  # fmt: skip
    if not drafts:
        return None
    return max(drafts, key=lambda e: parse(str(e.get("updated"))))
