"""Vectors for the check-in's JavaScript twin (``kfcourse/web/checkin/answer.js``), made by
``kfcourse.journal.answers``. ``python -m tests.web_journal.checkin_vectors`` rewrites
``checkin-vectors.json``; ``test_reflection_vectors.py`` fails when it is stale, and
``tests/js/checkin-answer.test.mjs`` replays it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kfcourse.journal.answers import answer_entry, latest_answer
from kfcourse.web.catalogue import messages

VECTORS = Path(__file__).resolve().parent / "checkin-vectors.json"
ID = "0c6f1f5e-2a4b-4c1d-9e8f-0123456789ab"
NEW = "99999999-2a4b-4c1d-9e8f-0123456789ab"
STAMP = "2026-11-30T10:00:00.000Z"
LATER = "2026-11-30T10:05:00.000Z"


def build() -> dict[str, Any]:
    words = messages("checkin")
    previous = {"id": ID, "kind": "exercise_answer", "created": STAMP, "updated": STAMP,
                "course_version": "0.0.9", "source": "jupyter", "exercise": "welcome-checkin",
                "question": "Old?", "answer": words["choices"][0], "note": "kept"}  # fmt: skip
    cases = []
    for name, question, answer, prev in (
        ("first answer", words["question"], words["choices"][1], None),
        ("change of mind", words["question"], words["choices"][3], previous),
        ("no question", None, words["choices"][2], previous),
        ("another exercise's entry is not taken over", "Q", "A",
         {**previous, "exercise": "other"}),
    ):  # fmt: skip
        made = answer_entry("welcome-checkin", question, answer, prev, entry_id=NEW,
                            stamp=LATER, course_version="0.1.0", source="web",
                            title=words["title"])  # fmt: skip
        cases.append({"name": name, "question": question, "answer": answer, "previous": prev,
                      "entry": made})  # fmt: skip
    found = [previous, {**previous, "id": NEW, "updated": LATER},
             {**previous, "id": "11111111-2222-4333-8444-555555555555", "exercise": "x",
              "updated": "2027-01-01T00:00:00.000Z"}]  # fmt: skip
    latest = (latest_answer(found, "welcome-checkin") or {}).get("id")
    return {"about": "Made by tests/web_journal/checkin_vectors.py; do not edit by hand.",
            "title": words["title"],
            "entryId": NEW, "stamp": LATER, "cases": cases,
            "found": found, "latest": latest}  # fmt: skip


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    VECTORS.write_text(text(), encoding="utf-8")
    print(f"wrote {VECTORS}")
