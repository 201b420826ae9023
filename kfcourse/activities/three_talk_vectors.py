"""Test vectors for the page's copy of the "Three-talk triad" rules
(``kfcourse/web/triad/rules.js``).

``python -m kfcourse.activities.three_talk_vectors tests/activities/three_talk_vectors.json``
writes them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/triad-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import three_talk as tt
from kfcourse.activities.vectors_file import write_main


def _ratings(rng: random.Random, fill: float) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for item in tt.ITEMS:
        if rng.random() < 0.9:
            out[item] = rng.randint(0, tt.SCALE_MAX) if rng.random() < fill else None
    return out


def _rotation(rng: random.Random, stage: str) -> dict[str, Any]:
    """A round the rules accept at ``stage`` (some keys left out, as a fresh round has them)."""
    predicted = _ratings(rng, 1.0 if stage != "predict" else rng.random())
    rated = _ratings(rng, 1.0 if stage == "result" else rng.random()) if stage != "predict" else {}
    if stage != "predict":
        predicted = {i: predicted.get(i) or rng.randint(0, tt.SCALE_MAX) for i in tt.ITEMS}
    if stage == "result":
        rated = {i: rated.get(i) if rated.get(i) is not None else 4 for i in tt.ITEMS}
    tally = {b: rng.choice([0, 0, 1, 2, 5]) for b in tt.CHECKLIST if rng.random() < 0.6}
    out: dict[str, Any] = {"stage": stage, "predicted": predicted, "rated": rated, "tally": tally}
    for key in ("predicted", "rated", "tally"):
        if rng.random() < 0.1 and not out[key]:
            del out[key]
    return out


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    cases: list[dict[str, Any]] = [
        {"rotations": None, "notes": ""},
        {"rotations": [{}], "notes": ""},
        {
            "rotations": [
                {
                    "stage": "result",
                    "predicted": {"understand": 2, "listen": 3, "include": 1},
                    "rated": {"understand": 4, "listen": 4, "include": 3},
                    "tally": {"team-goals": 2, "option-compare": 1},
                }
            ],
            "notes": "She said <b>yes</b> & meant it?",
        },
    ]
    for _ in range(60):
        n = rng.randint(1, tt.ROTATIONS_MAX)
        rounds = [_rotation(rng, "result") for _ in range(n - 1)]
        rounds.append(_rotation(rng, rng.choice(tt.STAGES)))
        notes = rng.choice(
            ["", "  ", "Politeness pushed the scores up.", "Option talk & <i>risk</i>"]
        )
        cases.append({"rotations": rounds, "notes": notes})
    for case in cases:
        case["answer"] = tt.answer(case["rotations"], case["notes"])

    full = {"understand": 1, "listen": 2, "include": 3}
    refused: list[dict[str, Any]] = [
        {"rotations": [], "notes": ""},
        {"rotations": [{}, {}, {}, {}], "notes": ""},
        {"rotations": {"stage": "predict"}, "notes": ""},
        {"rotations": ["predict"], "notes": ""},
        {"rotations": [{"stage": "talk"}], "notes": ""},
        {"rotations": [{"colour": "red"}], "notes": ""},
        {"rotations": [{"predicted": {"understand": 5}}], "notes": ""},
        {"rotations": [{"predicted": {"understand": -1}}], "notes": ""},
        {"rotations": [{"predicted": {"understand": "3"}}], "notes": ""},
        {"rotations": [{"predicted": {"understand": True}}], "notes": ""},
        {"rotations": [{"predicted": {"understand": 2.5}}], "notes": ""},
        {"rotations": [{"predicted": {"trust": 2}}], "notes": ""},
        {"rotations": [{"predicted": [1, 2, 3]}], "notes": ""},
        {"rotations": [{"rated": {"understand": 2}}], "notes": ""},
        {"rotations": [{"stage": "rate", "predicted": {"understand": 2}}], "notes": ""},
        {
            "rotations": [{"stage": "result", "predicted": full, "rated": {"listen": 1}}],
            "notes": "",
        },
        {"rotations": [{"tally": {"team-goals": -1}}], "notes": ""},
        {"rotations": [{"tally": {"team-goals": tt.TALLY_MAX + 1}}], "notes": ""},
        {"rotations": [{"tally": {"jargon": 1}}], "notes": ""},
        {"rotations": [{"tally": {"team-goals": None}}], "notes": ""},
        {"rotations": [{"stage": "rate", "predicted": full}, {}], "notes": ""},
        {"rotations": [{}], "notes": "x" * (tt.NOTES_MAX + 1)},
        {"rotations": [{}], "notes": None},
    ]
    for case in refused:
        try:
            tt.answer(case["rotations"], case["notes"])
        except tt.ThreeTalkError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.three_talk_vectors; do not edit by hand.",
        "rules": {
            "exercise": tt.EXERCISE,
            "items": list(tt.ITEMS),
            "scale_max": tt.SCALE_MAX,
            "total_max": tt.TOTAL_MAX,
            "talks": list(tt.TALKS),
            "behaviours": {k: list(v) for k, v in tt.BEHAVIOURS.items()},
            "stages": list(tt.STAGES),
            "rotations_max": tt.ROTATIONS_MAX,
            "tally_max": tt.TALLY_MAX,
            "notes_max": tt.NOTES_MAX,
        },
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.three_talk_vectors", "three-talk", text, argv)


if __name__ == "__main__":
    sys.exit(main())
