"""Vectors for the reflection form's JavaScript twin (``kfcourse/web/reflection/form.js``), made
by the Python rules in ``kfcourse.journal.reflections``.

``python -m tests.web_journal.reflection_vectors`` rewrites ``reflection-vectors.json``;
``test_reflection_vectors.py`` fails when the file is not what Python makes now, and
``tests/js/reflection-form.test.mjs`` replays every case in JavaScript.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kfcourse.journal.reflections import (
    MODELS,
    ReflectionRefused,
    check_payload,
    latest_draft,
    reflection_entry,
)

VECTORS = Path(__file__).resolve().parent / "reflection-vectors.json"
ID = "0c6f1f5e-2a4b-4c1d-9e8f-0123456789ab"
RUN = "5d9e8c7b-6a5f-4e3d-8c2b-a1b2c3d4e5f6"
OTHER = "11111111-2222-4333-8444-555555555555"
STAMP = "2026-11-30T10:00:00.000Z"
LATER = "2026-11-30T10:05:00.000Z"


def payload(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "exercise": "ch1-reflect",
        "title": "Chapter 1: leaders, followers and lost knowledge",
        "question": "Who had the authority, and who had the knowledge?",
        "related_entry": None,
        "model": "gibbs_short",
        "variant": None,
        "stages": {"what_happened": "We met <b>twice</b> & agreed", "feelings": ""},
        "draft": True,
        "entry": None,
    }
    base.update(changes)
    return base


FULL = {
    "description": "Line one\nline two",
    "feelings": "Heard, at last.",
    "evaluation": "",
    "analysis": "Mayer: integrity",
    "conclusion": "",
    "action_plan": "Ask for the agenda",
}

PAYLOADS: list[tuple[str, Any]] = [
    ("short draft", payload()),
    ("short finished", payload(draft=False)),
    ("variant ignored in the short form", payload(variant="patient")),
    (
        "clinician after a run",
        payload(
            model="gibbs",
            variant="clinician",
            stages=FULL,
            related_entry=RUN,
            exercise="ch8-reflect",
        ),
    ),
    (
        "patient, no title or question",
        payload(model="gibbs", variant="patient", stages={}, title=None, question=""),
    ),
    ("no role chosen yet", payload(model="gibbs", variant=None, stages={"feelings": "x"})),
    ("unicode text", payload(stages={"next": "Fragen 🙂 ‘quotes’ 中文"})),
    ("not an object", ["a"]),
    ("unknown model", payload(model="free")),
    ("unknown role", payload(model="gibbs", variant="doctor", stages={})),
    ("no exercise", payload(exercise="")),
    ("exercise too long", payload(exercise="x" * 201)),
    ("stages not an object", payload(stages=["a"])),
    ("a stage of the other model", payload(stages={"description": "x"})),
    ("a stage that is not text", payload(stages={"feelings": 3})),
    ("a stage too long", payload(stages={"feelings": "a" * 50_001})),
    ("a stage just short enough", payload(stages={"feelings": "🙂" * 50_000})),
    ("draft missing", payload(draft=None)),
    ("draft not a boolean", payload(draft="yes")),
    ("entry not an id", payload(entry="42")),
    ("related entry not an id", payload(related_entry="run-1")),
    ("title too long", payload(title="t" * 501)),
    ("question not text", payload(question=7)),
]

PREVIOUS = {
    "id": ID,
    "kind": "reflection",
    "created": STAMP,
    "updated": STAMP,
    "course_version": "0.0.9",
    "source": "jupyter",
    "exercise": "ch1-reflect",
    "title": "Old title",
    "prompt": "Old question",
    "related_entry": RUN,
    "model": "gibbs_short",
    "variant": None,
    "stages": {"what_happened": "old"},
    "draft": True,
    "note": "a field the form does not own is kept",
}


def _check(raw: Any) -> dict[str, Any]:
    try:
        return {"ok": True, "checked": check_payload(raw)}
    except ReflectionRefused as exc:
        return {"ok": False, "reason": str(exc)}


def build() -> dict[str, Any]:
    checks = [{"name": name, "payload": raw, **_check(raw)} for name, raw in PAYLOADS]
    entries = []
    for name, raw, previous in (
        ("new draft", payload(), None),
        ("new, finished at once", payload(draft=False), None),
        ("after a run", payload(model="gibbs", variant="clinician", stages=FULL,
                                related_entry=RUN), None),
        ("edit of a draft", payload(entry=ID, title=None, question=None), PREVIOUS),
        ("finishing a draft", payload(entry=ID, draft=False), PREVIOUS),
        ("editing a finished one keeps it finished", payload(entry=ID, draft=True),
         {**PREVIOUS, "draft": False}),
    ):  # fmt: skip
        clean = check_payload(raw)
        made = reflection_entry(
            clean, previous, entry_id=ID, stamp=LATER, course_version="0.1.0", source="web"
        )
        entries.append({"name": name, "payload": clean, "previous": previous,
                        "entryId": ID, "stamp": LATER, "entry": made})  # fmt: skip
    found = [
        {**PREVIOUS, "id": OTHER, "updated": LATER},
        {**PREVIOUS, "updated": "2026-11-30T11:00:00.000Z", "draft": False},
        PREVIOUS,
        {**PREVIOUS, "id": RUN, "kind": "roleplay", "updated": "2026-12-01T00:00:00.000Z"},
        {**PREVIOUS, "id": "22222222-2222-4333-8444-555555555555", "model": "gibbs",
         "updated": "2026-12-01T00:00:00.000Z"},
    ]  # fmt: skip
    drafts = [
        {"name": name, "entries": found, "exercise": exercise, "model": model,
         "found": (latest_draft(found, exercise, model) or {}).get("id")}
        for name, exercise, model in (
            ("the latest draft of the exercise and model", "ch1-reflect", "gibbs_short"),
            ("the full form's draft", "ch1-reflect", "gibbs"),
            ("another exercise has none", "ch2-reflect", "gibbs_short"),
        )
    ]  # fmt: skip
    return {
        "about": "Made by tests/web_journal/reflection_vectors.py from kfcourse.journal."
        "reflections; replayed by tests/js/reflection-form.test.mjs. Do not edit by hand.",
        "models": {model: list(keys) for model, keys in MODELS.items()},
        "checks": checks,
        "entries": entries,
        "drafts": drafts,
    }


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(text(), encoding="utf-8")
    print(f"wrote {VECTORS}")
