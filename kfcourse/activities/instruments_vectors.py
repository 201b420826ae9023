"""Test vectors for the page's copy of the instruments' rules (``web/instrument/rules.js``).

``python -m kfcourse.activities.instruments_vectors tests/activities/instruments_vectors.json``
writes them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/instrument-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import instruments as ins
from kfcourse.activities.vectors_file import write_main

TEXTS = ["", "  ", "I asked the carer <b>first</b>.", "Ward & board", "Nobody asked."]


def _ratings(rng: random.Random, inst: ins.Instrument, fill: float) -> dict[str, Any]:
    allowed = ins.values(inst)
    return {
        moment: {
            rater: {
                i.id: rng.choice(allowed) if rng.random() < fill else None
                for i in inst.items
                if rng.random() < 0.95
            }
            for rater in inst.raters
        }
        for moment in ins.MOMENTS
        if rng.random() < 0.95
    }


def _examples(rng: random.Random, inst: ins.Instrument, fill: float) -> dict[str, Any] | None:
    if inst.scale != "practice":
        return rng.choice([None, {}])
    return {
        moment: {
            rater: {i.id: rng.choice(TEXTS[2:]) if rng.random() < fill else "" for i in inst.items}
            for rater in inst.raters
        }
        for moment in ins.MOMENTS
    }


def _case(inst: ins.Instrument, ratings: Any, examples: Any, action: Any) -> dict[str, Any]:
    the_answer = ins.answer(inst.id, ratings, examples, action)
    return {
        "instrument": inst.id,
        "ratings": ratings,
        "examples": examples,
        "action": action,
        "answer": the_answer,
        "touched": ins.touched(the_answer),
    }


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    cases = []
    for inst in ins.INSTRUMENTS.values():
        cases.append(_case(inst, {}, None, "" if inst.action else None))
        for n in range(14):
            fill = 1.0 if n % 2 else rng.random()
            action = rng.choice(TEXTS) if inst.action else rng.choice([None, ""])
            cases.append(_case(inst, _ratings(rng, inst, fill), _examples(rng, inst, fill), action))
    # one partnership where both partners agree exactly, and one with a tie for the biggest gap
    pt = ins.INSTRUMENTS["partnership-trust"]
    same = {m: {r: {i.id: 4 for i in pt.items} for r in pt.raters} for m in ins.MOMENTS}
    cases.append(_case(pt, same, None, ""))
    tie = json.loads(json.dumps(same))
    tie["after"]["partner-a"].update({"honest": 1, "cares": 5})
    tie["after"]["partner-b"].update({"honest": 4, "cares": 2})
    cases.append(_case(pt, tie, None, ""))

    def refusal(
        instrument: Any, ratings: Any = None, examples: Any = None, action: Any = ""
    ) -> dict:
        return {"instrument": instrument, "ratings": ratings, "examples": examples,
                "action": action}  # fmt: skip

    refused = [
        refusal("trust"),
        refusal(None),
        refusal("speaking-up", []),
        refusal("speaking-up", {"during": {}}),
        refusal("speaking-up", {"before": []}),
        refusal("speaking-up", {"before": {"partner-a": {}}}),
        refusal("speaking-up", {"before": {"self": []}}),
        refusal("speaking-up", {"before": {"self": {"courage": 3}}}),
        refusal("speaking-up", {"before": {"self": {"help": 6}}}),
        refusal("speaking-up", {"before": {"self": {"help": 0}}}),
        refusal("speaking-up", {"before": {"self": {"help": "3"}}}),
        refusal("speaking-up", {"before": {"self": {"help": 2.5}}}),
        refusal("speaking-up", {"before": {"self": {"help": True}}}),
        refusal("speaking-up", {"before": {"self": {"help": "yes"}}}),
        refusal("relational-practice", {"before": {"self": {"voices": 2}}}),
        refusal("relational-practice", {"before": {"self": {"voices": "maybe"}}}),
        refusal("relational-practice", {}, {"before": {"self": {"voices": 3}}}),
        refusal("relational-practice", {}, {"before": {"self": {"voices": "x" * 2001}}}),
        refusal("relational-practice", {}, []),
        refusal("speaking-up", {}, {"before": {}}),
        refusal("speaking-up", {}, None, "Meet weekly."),
        refusal("collaboration-health", {}, None, 5),
        refusal("collaboration-health", {}, None, "x" * (ins.TEXT_MAX + 1)),
        refusal("partnership-trust", {"after": {"self": {"honest": 3}}}),
    ]
    for case in refused:
        try:
            ins.answer(case["instrument"], case["ratings"], case["examples"], case["action"])
        except ins.InstrumentError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.instruments_vectors; do not edit by hand.",
        "rules": {
            "moments": list(ins.MOMENTS),
            "agreement": list(ins.AGREEMENT),
            "practice": list(ins.PRACTICE),
            "practice_points": ins.PRACTICE_POINTS,
            "text_max": ins.TEXT_MAX,
            "instruments": {
                i.id: {
                    "id": i.id,
                    "scale": i.scale,
                    "raters": list(i.raters),
                    "items": [{"id": item.id, "scored": item.scored} for item in i.items],
                    "private": i.private,
                    "action": i.action,
                }
                for i in ins.INSTRUMENTS.values()
            },
        },
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.instruments_vectors", "instruments", text, argv)


if __name__ == "__main__":
    sys.exit(main())
