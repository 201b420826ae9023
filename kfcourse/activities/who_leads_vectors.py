"""Test vectors for the page's copy of the "Who leads? Who follows?" rules
(``kfcourse/web/wholeads/rules.js``).

``python -m kfcourse.activities.who_leads_vectors tests/activities/who_leads_vectors.json`` writes
them (``make vectors`` does too); ``tests/activities`` fails when the file is stale, and
``tests/js/wholeads-rules.test.mjs`` replays every vector with the JavaScript rules.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from kfcourse.activities import who_leads as wl
from kfcourse.activities.vectors_file import write_main


def _placements(rng: random.Random, fill: float) -> dict[str, dict[str, str | None]]:
    return {
        actor: {axis: rng.choice(wl.LEVELS) if rng.random() < fill else None for axis in wl.AXES}
        for actor in wl.ACTORS
        if rng.random() < 0.9
    }


def vectors() -> dict[str, Any]:
    """Every vector, made by the Python rules (the same file every time)."""
    rng = random.Random(20261130)
    cases = [
        {"placements": wl.REFERENCE, "reference_shown": True, "mismatch": "carer", "risk": "x"}
    ]
    for n in range(60):
        placements = _placements(rng, 1.0 if n % 2 else rng.random())
        shown = wl.complete(wl.parse_placements(placements)) and rng.random() < 0.7
        mismatch = rng.choice([None, *wl.ACTORS])
        risk = rng.choice(
            ["", "  ", "Trust falls when <b>nobody</b> asks the carer.", "Ward & board"]
        )
        cases.append(
            {"placements": placements, "reference_shown": shown, "mismatch": mismatch, "risk": risk}
        )
    for case in cases:
        case["answer"] = wl.answer(
            **{k: case[k] for k in ("placements", "reference_shown", "mismatch", "risk")}
        )

    def refusal(placements: Any, shown: Any = False, mismatch: Any = None, risk: Any = "") -> dict:
        return {"placements": placements, "reference_shown": shown, "mismatch": mismatch,
                "risk": risk}  # fmt: skip

    refused = [
        refusal({"surgeon": {"authority": "high"}}),
        refusal({"carer": {"authority": "top"}}),
        refusal({"carer": {"status": "low"}}),
        refusal({"carer": {"authority": "low"}}, shown=True),
        refusal({}, mismatch="surgeon"),
        refusal({}, risk="x" * (wl.RISK_MAX + 1)),
        refusal([]),
        refusal({}, shown="yes"),
    ]
    for case in refused:
        try:
            wl.answer(**case)
        except wl.WhoLeadsError:
            continue
        raise AssertionError(f"the rules accepted {case}")
    return {
        "about": "Made by kfcourse.activities.who_leads_vectors; do not edit by hand.",
        "rules": {
            "actors": list(wl.ACTORS),
            "levels": list(wl.LEVELS),
            "axes": list(wl.AXES),
            "reference": wl.REFERENCE,
            "risk_max": wl.RISK_MAX,
        },
        "cases": cases,
        "refused": refused,
    }


def text() -> str:
    return json.dumps(vectors(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_main("kfcourse.activities.who_leads_vectors", "who-leads", text, argv)


if __name__ == "__main__":
    sys.exit(main())
